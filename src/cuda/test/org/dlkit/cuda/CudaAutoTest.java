package org.dlkit.cuda;

import org.dlkit.backend.Backend;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Selection;
import org.dlkit.engine.EngineChoice;
import org.dlkit.engine.EngineGpu;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --backend auto} on a GPU ND4J cannot use: the search EngineChoice makes finds this GPU for dlkit's engine. */
class CudaAutoTest {

    @Test
    void autoFindsThisGpuForDlkitsEngine() {
        Assumptions.assumeTrue(CudaTestGpu.available(), "no NVIDIA driver here: GPU tests skipped");
        Selection nd4jOnTheCpu = new Selection(BackendChoice.AUTO, Backend.CPU, "ND4J runs on the CPU");
        EngineGpu found = EngineChoice.AUTO.lookForGpu(nd4jOnTheCpu).gpu();
        assertEquals(EngineGpu.State.USABLE, found.state(), found.toString());
        System.out.println("auto: --backend auto trains on " + found.gpu() + " with dlkit's engine");
    }
}
