import os

from hypothesis import HealthCheck, settings

# Bounded example counts keep `make test` within minutes on two cores; deadlines are off
# because shared machines are noisy and a slow example is not a wrong one.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
