package io.flashsale.testsupport;

import java.net.URI;
import java.net.URL;

/** The management interface of a service under test: probes and metrics on a port of their own. */
public final class Management {

    private Management() {
    }

    /**
     * The absolute {@code path} (such as {@code /q/metrics}) on the port of {@code base}, the URL a test
     * gets from {@code @TestHTTPResource(value = "/", management = true)}.
     */
    public static String url(URL base, String path) {
        return URI.create(base.toString()).resolve(path).toString();
    }
}
