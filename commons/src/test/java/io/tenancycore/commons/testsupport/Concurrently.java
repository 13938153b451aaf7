package io.tenancycore.commons.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** Races requests against each other: every caller is released at the same moment, each on its own thread. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code callers} calls at once and answers what each returned (an HTTP status, say), by caller index. */
    public static List<Integer> run(int callers, IntUnaryOperator call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int index = caller;
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.applyAsInt(index);
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                results.add(answer.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
