package org.dlkit.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code dlkit env}: the environment variables it shows read as the user set them, or "unset" (never "null"). */
class EnvReportTest {

    @Test
    void environmentVariablesShowTheirValueOrUnset() throws Exception {
        JsonNode report = new ObjectMapper().readTree(EnvReport.collect(Backends.start(BackendChoice.CPU)).json());
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        assertEquals(coreType == null ? "unset" : coreType, report.at("/nd4j/blas/OPENBLAS_CORETYPE").asText());
        String threads = System.getenv("OMP_NUM_THREADS");
        assertEquals(threads == null ? "unset" : threads, report.at("/threads/OMP_NUM_THREADS").asText());
        assertEquals("unset", EnvReport.variable("DLKIT_TEST_VARIABLE_NOBODY_SETS"));
    }
}
