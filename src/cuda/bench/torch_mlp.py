#!/usr/bin/env python3
"""PyTorch's figure for dlkit's engine benchmark, measured the way dlkit's EngineBench measures its own.

The same network and the same timing as `bin/cuda-check` / `dlkit bench --backend cuda`: the MLP 784-512-256-10
(ReLU, softmax + cross-entropy, He-initialised weights, biases 0.01 * N(0, 1)) in fp32 (TF32 off), Adam (lr 1e-3,
betas 0.9 / 0.999, eps 1e-8), trained on 8 seeded synthetic batches that stay on the GPU, cycled in turn. Each batch
size trains for WARMUP seconds (default min(3, SECONDS / 2)), then counts steps for SECONDS; the steps run in chunks
of 10, and after each chunk the summed loss is read back to the host, which waits for the GPU (and checks the loss
is finite). examples/s = steps * batch / elapsed.

Prints one line per batch size in DeviceCheck's format:   batch   128:    98000 examples/s (N steps in 10.0 s)
Where PyTorch cannot be imported, or has no GPU (for --device cuda), it prints one line
`torch_mlp: skipped: <reason>` and exits 0. Exit 2 for bad arguments, 1 when a run failed.

--fused uses PyTorch's fused Adam kernel (one launch for all parameters; torch.optim.Adam(fused=True)) instead of its
default: PyTorch's best plain eager loop, a second reference beside the default one the speed target is judged on.

Usage: python3 src/cuda/bench/torch_mlp.py [--seconds S] [--warmup W] [--batch B ...] [--device cuda|cpu] [--fused]
"""
import argparse
import math
import sys
import time

CHUNK = 10      # steps between two waits for the device (EngineBench.CHUNK)
BATCHES = 8     # distinct synthetic batches cycled through (EngineBench.BATCHES)
SIZES = (784, 512, 256, 10)


def parse(argv):
    p = argparse.ArgumentParser(prog="torch_mlp.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=10.0, help="seconds counted per batch size (default 10)")
    p.add_argument("--warmup", type=float, default=None, help="warm-up seconds (default min(3, SECONDS / 2))")
    p.add_argument("--batch", type=int, nargs="+", default=[128, 1024], help="batch sizes (default 128 1024)")
    p.add_argument("--device", default="cuda", choices=("cuda", "cpu"),
                   help="cuda (default) or cpu (a rehearsal; its speed means nothing)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--fused", action="store_true", help="Adam(fused=True): one kernel for the whole Adam step")
    args = p.parse_args(argv)
    if args.warmup is None:
        args.warmup = min(3.0, args.seconds / 2)
    if not args.seconds > 0 or args.warmup < 0 or any(b <= 0 for b in args.batch):
        p.error("expected a positive --seconds, a --warmup >= 0 and positive batch sizes")
    return args


def skip(reason):
    print("torch_mlp: skipped: " + reason)
    return 0


def standard_mlp(torch, seed, device):
    """784-512-256-10, ReLU, He-initialised weights and 0.01 * N(0, 1) biases, as EngineBench.standardMlp."""
    torch.manual_seed(seed)
    layers = []
    for i in range(len(SIZES) - 1):
        linear = torch.nn.Linear(SIZES[i], SIZES[i + 1])
        with torch.no_grad():
            linear.weight.normal_(0.0, math.sqrt(2.0 / SIZES[i]))
            linear.bias.normal_(0.0, 0.01)
        layers.append(linear)
        if i + 2 < len(SIZES):
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).to(device=device, dtype=torch.float32)


def measure(torch, device, batch, seconds, warmup, seed, fused=False):
    """(steps, elapsed seconds, examples/s) of Adam on the standard MLP at this batch size."""
    model = standard_mlp(torch, seed, device)
    extra = {"fused": True} if fused else {}
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, **extra)
    generator = torch.Generator(device="cpu").manual_seed(seed + 1)
    batches = [(torch.randn(batch, SIZES[0], generator=generator).to(device),
                torch.randint(0, SIZES[-1], (batch,), generator=generator).to(device)) for _ in range(BATCHES)]
    loss_sum = torch.zeros((), device=device)

    def run(duration):
        nonlocal loss_sum
        end = time.perf_counter() + duration
        steps = 0
        while True:
            for _ in range(CHUNK):
                x, y = batches[steps % BATCHES]
                optimizer.zero_grad(set_to_none=True)
                loss = torch.nn.functional.cross_entropy(model(x), y)
                loss.backward()
                optimizer.step()
                loss_sum += loss.detach()
                steps += 1
            total = loss_sum.item()  # waits for the device, as EngineBench's takeLossSum
            loss_sum.zero_()
            if not math.isfinite(total):
                raise RuntimeError("the benchmark's loss became %r" % total)
            if time.perf_counter() >= end:
                return steps

    run(warmup)
    start = time.perf_counter()
    steps = run(seconds)
    elapsed = time.perf_counter() - start
    return steps, elapsed, steps * batch / elapsed


def main(argv=None):
    args = parse(argv)
    try:
        import torch
    except Exception as e:  # not installed, or an install that cannot load (missing CUDA libraries, ...)
        return skip("PyTorch cannot be imported (%s: %s)" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
    if args.device == "cuda":
        if not torch.cuda.is_available():
            build = "a CPU-only build" if torch.version.cuda is None else "built for CUDA " + torch.version.cuda
            return skip("PyTorch %s sees no CUDA GPU (torch.cuda.is_available() is False; %s)" % (torch.__version__, build))
        torch.set_float32_matmul_precision("highest")  # fp32 GEMMs (no TF32), as dlkit's SGEMM
        where = "%s (compute capability %d.%d), CUDA %s, TF32 off" % (
            (torch.cuda.get_device_name(0),) + torch.cuda.get_device_capability(0) + (torch.version.cuda,))
    else:
        where = "the CPU, %d threads (a rehearsal: its speed means nothing for the GPU)" % torch.get_num_threads()
    print("== PyTorch %s on %s: MLP 784-512-256-10, fp32, Adam 1e-3%s, synthetic data on the device; "
          "%.3g s warm-up, %.3g s counted per batch size"
          % (torch.__version__, where, " (fused)" if args.fused else "", args.warmup, args.seconds))
    sys.stdout.flush()
    for batch in args.batch:
        steps, elapsed, rate = measure(torch, args.device, batch, args.seconds, args.warmup, args.seed, args.fused)
        print("batch %5d: %8.0f examples/s (%d steps in %.1f s)" % (batch, rate, steps, elapsed))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
