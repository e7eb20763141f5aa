"""The reliability suite: faults, crashes, bad input, token safety and fuzzing, with figures."""
