"""Running evaluations: what a run is (`runs`), where results live (`store`) and who runs them.

`runs.EvalRun` pins everything that changes a number and hashes it into a key; `store.ResultStore`
keeps one entry per key on disk; a `runner.Runner` (local inspect-ai, or HF Jobs) turns pending
runs into stored logs. Planning only reads the store; `hfeval eval` is the only thing that runs.
"""
