// Host run of engine.cu's kernels, one "thread" at a time, to check their maths without a GPU: each activation's
// derivative and each output loss's delta against central finite differences of the kernels' own forward values, and
// the Adam and SGD steps against their formulas. Built and run by KernelHostCheckTest where a C++ compiler exists.
#include <cstdio>
#include <vector>
#include <random>
#include "engine_on_host.h"

template <typename F> void run(long threads, F f) {
    blockDim.x = 1; gridDim.x = threads;
    for (long b = 0; b < threads; b++) { blockIdx.x = b; threadIdx.x = 0; f(); }
}

int main() {
    int bad = 0;
    // activations: dact(z, act(z)) vs (act(z+h) - act(z-h)) / 2h, via the kernels bias_act_d and act_back_d
    for (int f = 0; f <= LAST_ACTIVATION; f++) {
        double alpha = f == 4 ? 0.01 : 1.3;
        for (double z : {-2.3, -0.7, -0.01, 0.02, 0.9, 3.1}) {
            double h = 1e-6, zs[3] = {z - h, z, z + h}, a[3], b0 = 0;
            for (int i = 0; i < 3; i++) { double zz = zs[i]; run(1, [&]{ bias_act_d(&zz, &b0, &a[i], 1, 1, f, alpha); }); }
            double g = 1, zc = z; run(1, [&]{ act_back_d(&zc, &a[1], &g, 1, f, alpha); });
            double fd = (a[2] - a[0]) / (2 * h);
            if (fabs(g - fd) > 1e-6 * (1 + fabs(fd))) { printf("act %d z %g: %g vs fd %g\n", f, z, g, fd); bad++; }
        }
    }
    // at the kinks, where differences do not measure f', DL4J's values (org.dlkit.autodiff.Pointwise): hard sigmoid
    // (12) 0.2 at +-2.5 (0.2 held in float32), hard tanh (13) 1 at +-1, ReLU6 (14) 0 at 0 and 6, ReLU (3) 0 at 0
    struct Kink { int f; double z, d; };
    for (Kink k : {Kink{12, -2.5, 0.20000000298023224}, Kink{12, 2.5, 0.20000000298023224}, Kink{13, -1, 1},
                   Kink{13, 1, 1}, Kink{14, 0, 0}, Kink{14, 6, 0}, Kink{3, 0, 0}}) {
        double zz = k.z, a = 0, b0 = 0, g = 1;
        run(1, [&]{ bias_act_d(&zz, &b0, &a, 1, 1, k.f, 0.0); });
        run(1, [&]{ act_back_d(&zz, &a, &g, 1, k.f, 0.0); });
        if (g != k.d) { printf("act %d at its kink %g: %g, DL4J's %g\n", k.f, k.z, g, k.d); bad++; }
    }
    // output losses: delta vs finite differences of the summed loss
    mt19937 rng(1); normal_distribution<double> n01;
    int rows = 3, cols = 4;
    for (int loss = 0; loss <= LAST_LOSS; loss++) for (int f : {0, 1, 2}) {
        vector<double> z(rows * cols), y(rows * cols, 0), a(rows * cols), d(rows * cols);
        for (auto& v : z) v = n01(rng);
        for (int r = 0; r < rows; r++) {
            if (loss == 0) y[r * cols + r % cols] = 1; else for (int j = 0; j < cols; j++) y[r * cols + j] = 0.3 + 0.1 * j;
        }
        auto total = [&](vector<double>& zz) { double s = 0; vector<double> aa(rows * cols), dd(rows * cols);
            run(rows, [&]{ output_loss_d(loss, f, 0.5, zz.data(), y.data(), aa.data(), dd.data(), &s, rows, cols); }); return s; };
        double s0 = 0; run(rows, [&]{ output_loss_d(loss, f, 0.5, z.data(), y.data(), a.data(), d.data(), &s0, rows, cols); });
        for (int i = 0; i < rows * cols; i++) {
            double h = 1e-6; auto zp = z, zm = z; zp[i] += h; zm[i] -= h;
            double fd = (total(zp) - total(zm)) / (2 * h);
            if (fabs(d[i] - fd) > 1e-6 * (1 + fabs(fd))) { printf("loss %d f %d i %d: %g vs fd %g\n", loss, f, i, d[i], fd); bad++; }
        }
    }
    // confidently wrong outputs: the losses DL4J's clipping gives (MCXENT row loss -log 1e-10, XENT -log 1e-5 each)
    {
        double z[2] = {60, -60}, y[2] = {0, 1}, a[2], d[2];
        double s = 0; run(1, [&]{ output_loss_d(0, 0, 0.0, z, y, a, d, &s, 1, 2); });
        if (fabs(s - 23.025850929940457) > 1e-9) { printf("mcxent cap: %g\n", s); bad++; }
        s = 0; run(1, [&]{ output_loss_d(1, 1, 0.0, z, y, a, d, &s, 1, 2); });
        if (fabs(s - 2 * 11.512925464970229) > 1e-6) { printf("xent cap: %g\n", s); bad++; }
        if (fabs(d[1]) > 1e-12) { printf("xent fading delta: %g\n", d[1]); bad++; }
    }
    // adam and sgd against their formulas
    double p = 0.5, g = 0.2, m = 0.1, v = 0.01;
    run(1, [&]{ adam_d(&p, &g, &m, &v, 1, 0.001, 0.9, 0.999, 1e-8, 0.01); });
    double gi = 0.2 + 0.01 * 0.5, mm = 0.9 * 0.1 + 0.1 * gi, vv = 0.999 * 0.01 + 0.001 * gi * gi;
    if (fabs(p - (0.5 - 0.001 * mm / (sqrt(vv) + 1e-8))) > 1e-15) { printf("adam\n"); bad++; }
    float pf = 1, gf = 2; run(1, [&]{ sgd_f(&pf, &gf, 1, 0.1f, 0.5f); });
    if (fabs(pf - (1 - 0.1f * (2 + 0.5f))) > 1e-6) { printf("sgd\n"); bad++; }
    printf(bad ? "FAILED: %d\n" : "all kernel checks passed (%d failures)\n", bad);
    return bad != 0;
}
