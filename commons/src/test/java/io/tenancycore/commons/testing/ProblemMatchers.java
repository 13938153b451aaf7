package io.tenancycore.commons.testing;

import io.tenancycore.commons.error.ProblemTypes;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a problem {@code type} by its shared name, whichever service qualified it (DESIGN, API conventions). */
public final class ProblemMatchers {

    private ProblemMatchers() {
    }

    /** {@code problemType(ProblemTypes.TENANT_SUSPENDED)} matches {@code urn:tenancycore:problem:config:tenant-suspended}. */
    public static Matcher<String> problemType(String generic) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String type) {
                return ProblemTypes.is(type, generic) && type.split(":").length == 5;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a problem type urn:tenancycore:problem:<service>:")
                        .appendText(generic.substring(generic.lastIndexOf(':') + 1));
            }
        };
    }
}
