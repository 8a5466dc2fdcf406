package org.dlkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dlkit.error.DlkitException;
import org.dlkit.text.SettingNames;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class ActivationRuleTest {

    @Test
    void ruleOfThumbIsReluHiddenAndSoftmaxWithMcxentForClasses() {
        ActivationPlan plan = ActivationRule.ruleOfThumb().plan(Task.MULTI_CLASS, 2);
        assertEquals(2, plan.hiddenLayers());
        for (ActivationChoice c : plan.hidden()) {
            assertSame(Activations.RELU, c.activation());
            assertEquals("hidden: ReLU — start with ReLU: cheap, converges fast, no saturation for x > 0; if units "
                    + "die or results stay poor, go for Leaky ReLU or ELU (activation(\"leaky-relu\") or "
                    + "activation(\"elu\"))", c.toString());
        }
        assertEquals("hidden: ReLU — start with ReLU: cheap, converges fast, no saturation for x > 0; if units die or "
                + "results stay poor, go for Leaky ReLU or ELU (--activation leaky-relu or --activation elu)",
                ActivationRule.ruleOfThumb().namingSettings(SettingNames.COMMAND_LINE).hidden(0, 2).toString());
        assertSame(Activations.SOFTMAX, plan.output().activation());
        assertEquals(LossFunction.MCXENT, plan.output().loss());
        assertEquals("output: softmax + MCXENT — multi-class, outputs sum to 1", plan.output().toString());
        assertTrue(plan.warnings().isEmpty());
    }

    @Test
    void outputFollowsTheTaskUnderEveryPolicy() {
        for (ActivationRule rule : List.of(ActivationRule.ruleOfThumb(), ActivationRule.leakyRelu(),
                ActivationRule.elu(), ActivationRule.explicit(Activations.TANH))) {
            assertOutput(rule.output(Task.BINARY), Activations.SOFTMAX, LossFunction.MCXENT);
            assertOutput(rule.output(Task.MULTI_CLASS), Activations.SOFTMAX, LossFunction.MCXENT);
            assertOutput(rule.output(Task.MULTI_LABEL), Activations.SIGMOID, LossFunction.XENT);
            assertOutput(rule.output(Task.REGRESSION), Activations.IDENTITY, LossFunction.MSE);
        }
    }

    private static void assertOutput(OutputChoice out, ActivationFunction activation, LossFunction loss) {
        assertSame(activation, out.activation(), out.toString());
        assertEquals(loss, out.loss(), out.toString());
        assertTrue(out.reason().startsWith(out.task().toString()), out.reason());
    }

    @Test
    void fallbacksAreLeakyReluAndElu() {
        ActivationChoice leaky = ActivationRule.leakyRelu().hidden(0, 4);
        assertSame(Activations.LEAKY_RELU, leaky.activation());
        assertTrue(leaky.reason().contains("when ReLUs die"), leaky.reason());
        ActivationChoice elu = ActivationRule.elu().hidden(3, 4);
        assertSame(Activations.ELU, elu.activation());
        assertTrue(elu.reason().contains("e^x"), elu.reason());
        assertTrue(ActivationRule.leakyRelu().warnings(10).isEmpty());
        assertTrue(ActivationRule.elu().warnings(10).isEmpty());
    }

    @Test
    void sigmoidOrTanhInADeepStackIsAllowedButWarns() {
        ActivationPlan plan = ActivationRule.get("sigmoid").plan(Task.MULTI_CLASS, 4);
        assertSame(Activations.SIGMOID, plan.hidden().get(3).activation());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        String warning = plan.warnings().get(0);
        assertTrue(warning.contains("sigmoid in 4 hidden layers"), warning);
        assertTrue(warning.contains("kills gradients"), warning);
        assertTrue(warning.contains("not zero-centred"), warning);

        String tanh = ActivationRule.explicit(Activations.TANH).warnings(3).get(0);
        assertTrue(tanh.contains("vanishing gradients") && !tanh.contains("not zero-centred"), tanh);
    }

    @Test
    void shallowSaturatingStacksAndExplicitReluDoNotWarn() {
        assertTrue(ActivationRule.explicit(Activations.SIGMOID).warnings(ActivationRule.DEEP - 1).isEmpty());
        assertTrue(ActivationRule.explicit(Activations.RELU).warnings(10).isEmpty());
        assertTrue(ActivationRule.explicit(Activations.SELU).warnings(10).isEmpty());
    }

    @Test
    void softmaxOrIdentityInHiddenLayersWarnAtAnyDepth() {
        assertTrue(ActivationRule.explicit(Activations.SOFTMAX).warnings(1).get(0).contains("output layer"));
        assertTrue(ActivationRule.explicit(Activations.IDENTITY).warnings(1).get(0).contains("one linear function"));
    }

    @Test
    void policiesByName() {
        assertEquals("rule-of-thumb", ActivationRule.get("default").name());
        assertEquals("rule-of-thumb", ActivationRule.get("Rule_Of_Thumb").name());
        assertEquals("leaky-relu", ActivationRule.get("leaky-relu").name());
        assertEquals("elu", ActivationRule.get("ELU").name());
        assertEquals("explicit", ActivationRule.get("tanh").name());
        DlkitException e = assertThrows(DlkitException.class, () -> ActivationRule.get("relu9"));
        assertTrue(e.getMessage().contains("rule-of-thumb") && e.getMessage().contains("softsign"), e.getMessage());
        assertEquals(Task.MULTI_CLASS, Task.get("multi-class"));
        assertEquals(Task.MULTI_LABEL, Task.get("MULTI_LABEL"));
        assertThrows(DlkitException.class, () -> Task.get("ranking"));
    }

    /**
     * PReLU learns its slope a per unit, which an activation in a DL4J dense layer cannot: the builder would train
     * Leaky ReLU at a fixed a = 0.25 under PReLU's name. It is refused, naming what to use instead.
     */
    @Test
    void preluIsRefusedAsAHiddenActivationBecauseADenseLayerCannotLearnItsSlope() {
        for (java.util.function.Supplier<ActivationRule> prelu : List.<java.util.function.Supplier<ActivationRule>>of(
                () -> ActivationRule.get("prelu"), () -> ActivationRule.get("PReLU"),
                () -> ActivationRule.explicit(Activations.PRELU),
                () -> ActivationRule.explicit(Activations.prelu(0.1)))) {
            DlkitException e = assertThrows(DlkitException.class, prelu::get);
            assertTrue(e.getMessage().contains("PReLU") && e.getMessage().contains("learn")
                    && e.getMessage().contains("leaky_relu") && e.getMessage().contains("PReLULayer"), e.getMessage());
        }
        DlkitException unknown = assertThrows(DlkitException.class, () -> ActivationRule.get("relu9"));
        assertTrue(!unknown.getMessage().contains("prelu"), "the names offered are the ones accepted: "
                + unknown.getMessage());
        assertEquals(Activations.PRELU, Activations.get("prelu"), "the catalogue keeps PReLU's formula and plots");
    }

    /** DL4J M2.1's ELU backprop differentiates with α = 1 whatever α is: an ELU with another α is trained wrongly there. */
    @Test
    void eluWithAnAlphaOtherThanOneWarnsThatDl4jsBackpropIgnoresIt() {
        List<String> warnings = ActivationRule.explicit(Activations.elu(0.5)).warnings(2);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("α = 0.5") && warnings.get(0).contains("ignores")
                && warnings.get(0).contains("engine"), warnings.get(0));
        assertTrue(ActivationRule.explicit(Activations.ELU).warnings(2).isEmpty());
        assertTrue(ActivationRule.elu().warnings(2).isEmpty());
    }

    @Test
    void positionOutsideTheStackIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ActivationRule.ruleOfThumb().hidden(2, 2));
        assertThrows(DlkitException.class, () -> ActivationRule.ruleOfThumb().plan(Task.BINARY, -1));
    }

    /** The plan's DL4J objects go straight into a MultiLayerConfiguration. */
    @Test
    void planBuildsADl4jConfiguration() {
        ActivationPlan plan = ActivationRule.ruleOfThumb().plan(Task.MULTI_CLASS, 2);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).list();
        int nIn = 4;
        for (ActivationChoice c : plan.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(nIn).nOut(8).activation(c.dl4j()).build());
            nIn = 8;
        }
        list.layer(new OutputLayer.Builder(plan.output().loss()).nIn(nIn).nOut(3)
                .activation(plan.output().dl4j()).build());
        MultiLayerConfiguration conf = list.build();
        assertTrue(((DenseLayer) conf.getConf(0).getLayer()).getActivationFn() instanceof ActivationReLU);
        OutputLayer out = (OutputLayer) conf.getConf(2).getLayer();
        assertTrue(out.getActivationFn() instanceof ActivationSoftmax);
        assertTrue(out.getLossFn() instanceof LossMCXENT);
        assertEquals(3, plan.lines().size());
    }
}
