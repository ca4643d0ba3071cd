package com.exponential.access.common;

import com.exponential.access.support.PackagedApplication;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The operations endpoints of the packaged application, in the production profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedApplication.class)
class OperationsIT extends OperationsTest {
}
