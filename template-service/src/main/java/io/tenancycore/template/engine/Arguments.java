package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Evaluates the parameters of a namespace call such as {@code {fmt:currency(total, 'EUR')}} in order. */
final class Arguments {

    private Arguments() {
    }

    static CompletionStage<List<Object>> evaluate(EvalContext context) {
        CompletionStage<List<Object>> values = CompletableFuture.completedFuture(new ArrayList<>());
        for (Expression parameter : context.getParams()) {
            values = values.thenCompose(collected -> context.evaluate(parameter).thenApply(value -> {
                collected.add(value);
                return collected;
            }));
        }
        return values;
    }
}
