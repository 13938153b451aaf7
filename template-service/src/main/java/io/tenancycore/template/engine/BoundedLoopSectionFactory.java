package io.tenancycore.template.engine;

import io.quarkus.qute.Expression;
import io.quarkus.qute.LoopSectionHelper;
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
 * Qute's {@code {#for}}/{@code {#each}} with every iteration charged to the render's {@link RenderBudget}, so that
 * {@code {#for i in 1000000000}{/for}} (which produces no output to count) is stopped as well.
 */
final class BoundedLoopSectionFactory implements SectionHelperFactory<SectionHelper> {

    private final LoopSectionHelper.Factory loops = new LoopSectionHelper.Factory();

    @Override
    public List<String> getDefaultAliases() {
        return loops.getDefaultAliases();
    }

    @Override
    public ParametersInfo getParameters() {
        return loops.getParameters();
    }

    @Override
    public List<String> getBlockLabels() {
        return loops.getBlockLabels();
    }

    @Override
    public Scope initializeBlock(Scope previousScope, BlockInfo block) {
        return loops.initializeBlock(previousScope, block);
    }

    @Override
    public SectionHelper initialize(SectionInitContext context) {
        SectionHelper loop = loops.initialize(context);
        return resolution -> loop.resolve(new ChargedIterations(resolution));
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

    /** Passes everything through; each execution of the loop body costs one iteration. */
    private record ChargedIterations(SectionResolutionContext delegate) implements SectionResolutionContext {

        @Override
        public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> expressions) {
            return delegate.evaluate(expressions);
        }

        @Override
        public CompletionStage<Object> evaluate(Expression expression) {
            return delegate.evaluate(expression);
        }

        /** The loop evaluates its iterable here: a count larger than the budget is refused before Qute sizes a list by it. */
        @Override
        public ResolutionContext resolutionContext() {
            ResolutionContext context = delegate.resolutionContext();
            return context.getAttribute(RenderBudget.ATTRIBUTE) instanceof RenderBudget budget
                    ? new CheckedIterable(context, budget)
                    : context;
        }

        @Override
        public ResolutionContext newResolutionContext(Object data, Map<String, SectionBlock> extendingBlocks) {
            return delegate.newResolutionContext(data, extendingBlocks);
        }

        @Override
        public CompletionStage<ResultNode> execute() {
            charge();
            return delegate.execute();
        }

        @Override
        public CompletionStage<ResultNode> execute(ResolutionContext context) {
            charge();
            return delegate.execute(context);
        }

        @Override
        public CompletionStage<ResultNode> execute(SectionBlock block, ResolutionContext context) {
            charge();
            return delegate.execute(block, context);
        }

        @Override
        public Map<String, Object> getParameters() {
            return delegate.getParameters();
        }

        private void charge() {
            if (delegate.resolutionContext().getAttribute(RenderBudget.ATTRIBUTE) instanceof RenderBudget budget) {
                budget.onIteration();
            }
        }
    }
}
