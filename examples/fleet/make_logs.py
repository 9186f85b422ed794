"""Generate a folder of job logs like a platform team's: most clean, the others failed in a few ways.

    python examples/fleet/make_logs.py /tmp/job-logs --jobs 1000

Failures are real TensorFlow 2.21 tracebacks (examples/*.txt) with each job's
own numbers, paths and addresses, some printed by Ray workers with `(pid=N)`
prefixes, plus a few plain Python errors no entry describes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent

OOM = (
    "Traceback (most recent call last):\n"
    '  File "/jobs/{job}/train.py", line 41, in <module>\n'
    "    model.fit(ds, epochs=10)\n"
    '  File "/usr/lib/python3/site-packages/keras/src/utils/traceback_utils.py", line 122, in error_handler\n'
    "    raise e.with_traceback(filtered_tb) from None\n"
    "tensorflow.python.framework.errors_impl.ResourceExhaustedError: {{{{function_node "
    "__wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:GPU:0}}}} OOM when allocating tensor "
    "with shape[{n},{n}] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc "
    "[Op:MatMul]\n"
)

KEYERROR = """Traceback (most recent call last):
  File "/jobs/{job}/prepare.py", line 12, in <module>
    lr = config["optimizer"]["learning_rate"]
KeyError: 'learning_rate'
"""


def noise(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        if i % 200 == 0:
            out.append(f"Epoch {i // 200 + 1}/50")
        bar = "━" * 20
        out.append(f"{i % 200:>4}/200 {bar} 1s 6ms/step - accuracy: {rng.random():.4f} - loss: {rng.random():.4f}")
    return out


#: The cause tfexplain should find for each kind of failure (the fleet test checks the counts).
CAUSES = {
    "matmul": "matmul-inner-dim",
    "labels": "label-out-of-range",
    "oom": "out-of-memory",
    "keyerror": "not diagnosed",
    None: "no error",
}


def failure(rng: random.Random, job: int, kind: str) -> str:
    if kind == "matmul":
        k = rng.randint(3, 64)
        return (EXAMPLES / "matmul.txt").read_text().replace("[3,2]", f"[{k},2]").replace("/home/ada", f"/jobs/{job}")
    if kind == "labels":
        return (EXAMPLES / "labels.txt").read_text().replace("/home/ada", f"/jobs/{job}")
    if kind == "oom":
        return OOM.format(job=job, n=rng.choice([8192, 16384, 32768]))
    return KEYERROR.format(job=job)


def make_logs(out: Path, jobs: int, seed: int = 0, lines: int = 400) -> list[tuple[Path, str | None]]:
    """Write the logs; (path, kind of failure or None) for each."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for job in range(jobs):
        body = noise(rng, rng.randint(lines // 2, lines * 2))
        kind = None
        if rng.random() < 0.6:
            kind = rng.choices(["matmul", "labels", "oom", "keyerror"], weights=[5, 3, 2, 2])[0]
            text = failure(rng, job, kind).rstrip("\n").split("\n")
            if rng.random() < 0.3:  # printed by a Ray worker, interleaved with another worker's progress
                pid = rng.randint(1000, 99999)
                mixed = []
                for i, line in enumerate(text):
                    mixed.append(f"(pid={pid}) {line}")
                    if i % 3 == 0:
                        mixed.append(f"(pid={pid + 1}) {body[i % len(body)]}")
                text = mixed
            at = rng.randint(0, len(body))
            body[at:at] = text
        path = out / f"job-{job:05d}.log"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        made.append((path, kind))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = make_logs(args.out, args.jobs, args.seed)
    print(f"{len(made)} job logs in {args.out}")


if __name__ == "__main__":
    main()
