package io.tenancycore.template.engine;

import java.util.function.Consumer;

/**
 * The output of one render: each chunk is charged to the {@link RenderBudget} before it is appended, so the text
 * never grows past {@code maxOutputChars} and a render past its deadline stops between two chunks.
 */
final class BoundedOutput implements Consumer<String> {

    private final RenderBudget budget;
    private final StringBuilder text = new StringBuilder();

    BoundedOutput(RenderBudget budget) {
        this.budget = budget;
    }

    @Override
    public void accept(String chunk) {
        budget.onOutput(chunk.length());
        text.append(chunk);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
