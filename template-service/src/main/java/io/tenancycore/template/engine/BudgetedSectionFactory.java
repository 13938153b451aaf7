package io.tenancycore.template.engine;

import io.quarkus.qute.Expression;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelper.SectionResolutionContext;
import io.quarkus.qute.SectionHelperFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One of Qute's sections ({@code if}, {@code when}, {@code let}, {@code for}/{@code each}) with every block it runs
 * charged to the render's {@link RenderBudget} by its number of nodes, and — for loops — every iteration counted.
 * This is where a render's work and its result tree grow, so {@code {#for i in 1000000000}{/for}} (which produces no
 * output to count) is stopped as well as a loop body of ten thousand expressions, and the deadline is checked there.
 */
final class BudgetedSectionFactory implements SectionHelperFactory<SectionHelper> {

    private final SectionHelperFactory<? extends SectionHelper> sections;
    private final boolean loop;

    private BudgetedSectionFactory(SectionHelperFactory<? extends SectionHelper> sections, boolean loop) {
        this.sections = sections;
        this.loop = loop;
    }

    static BudgetedSectionFactory branches(SectionHelperFactory<? extends SectionHelper> sections) {
        return new BudgetedSectionFactory(sections, false);
    }

    static BudgetedSectionFactory loops(SectionHelperFactory<? extends SectionHelper> sections) {
        return new BudgetedSectionFactory(sections, true);
    }

    @Override
    public List<String> getDefaultAliases() {
        return sections.getDefaultAliases();
    }

    @Override
    public ParametersInfo getParameters() {
        return sections.getParameters();
    }

    @Override
    public List<String> getBlockLabels() {
        return sections.getBlockLabels();
    }

    @Override
    public boolean cacheFactoryConfig() {
        return sections.cacheFactoryConfig();
    }

    @Override
    public boolean treatUnknownSectionsAsBlocks() {
        return sections.treatUnknownSectionsAsBlocks();
    }

    @Override
    public MissingEndTagStrategy missingEndTagStrategy() {
        return sections.missingEndTagStrategy();
    }

    @Override
    public Scope initializeBlock(Scope previousScope, BlockInfo block) {
        return sections.initializeBlock(previousScope, block);
    }

    @Override
    public SectionHelper initialize(SectionInitContext context) {
        SectionHelper section = sections.initialize(context);
        SectionBlock main = context.getBlocks().get(0);
        return resolution -> section.resolve(new Charged(resolution, main, loop));
    }

    /** Passes everything through; each block executed is charged first. */
    private record Charged(SectionResolutionContext delegate, SectionBlock main, boolean loop)
            implements SectionResolutionContext {

        @Override
        public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> expressions) {
            return delegate.evaluate(expressions);
        }

        @Override
        public CompletionStage<Object> evaluate(Expression expression) {
            return delegate.evaluate(expression);
        }

        /** A loop evaluates its iterable here: a count larger than the budget is refused before Qute sizes a list by it. */
        @Override
        public ResolutionContext resolutionContext() {
            ResolutionContext context = delegate.resolutionContext();
            return loop && context.getAttribute(RenderBudget.ATTRIBUTE) instanceof RenderBudget budget
                    ? new CheckedIterable(context, budget)
                    : context;
        }

        @Override
        public ResolutionContext newResolutionContext(Object data, Map<String, SectionBlock> extendingBlocks) {
            return delegate.newResolutionContext(data, extendingBlocks);
        }

        @Override
        public CompletionStage<ResultNode> execute() {
            charge(main);
            return delegate.execute();
        }

        @Override
        public CompletionStage<ResultNode> execute(ResolutionContext context) {
            charge(main);
            return delegate.execute(context);
        }

        @Override
        public CompletionStage<ResultNode> execute(SectionBlock block, ResolutionContext context) {
            charge(block == null ? main : block);
            return delegate.execute(block, context);
        }

        @Override
        public Map<String, Object> getParameters() {
            return delegate.getParameters();
        }

        private void charge(SectionBlock block) {
            if (delegate.resolutionContext().getAttribute(RenderBudget.ATTRIBUTE) instanceof RenderBudget budget) {
                if (loop && block == main) {
                    budget.onIteration();
                }
                budget.onBlock(block.nodes.size());
            }
        }
    }

    private record CheckedIterable(ResolutionContext delegate, RenderBudget budget) implements ResolutionContext {

        @Override
        public CompletionStage<Object> evaluate(String expression) {
            return delegate.evaluate(expression).thenApply(this::checked);
        }

        @Override
        public CompletionStage<Object> evaluate(Expression expression) {
            return delegate.evaluate(expression).thenApply(this::checked);
        }

        private Object checked(Object iterable) {
            if (iterable instanceof Number count) {
                budget.checkIterationCount(count.longValue());
            }
            return iterable;
        }

        @Override
        public ResolutionContext createChild(Object data, Map<String, SectionBlock> extendingBlocks) {
            return delegate.createChild(data, extendingBlocks);
        }

        @Override
        public Object getData() {
            return delegate.getData();
        }

        @Override
        public ResolutionContext getParent() {
            return delegate.getParent();
        }

        @Override
        public SectionBlock getExtendingBlock(String name) {
            return delegate.getExtendingBlock(name);
        }

        @Override
        public SectionBlock getCurrentExtendingBlock(String name) {
            return delegate.getCurrentExtendingBlock(name);
        }

        @Override
        public Object getAttribute(String key) {
            return delegate.getAttribute(key);
        }

        @Override
        public io.quarkus.qute.Template getTemplate() {
            return delegate.getTemplate();
        }

        @Override
        public io.quarkus.qute.Evaluator getEvaluator() {
            return delegate.getEvaluator();
        }
    }
}
