#!/bin/sh
# Container entry: optionally migrate (RISKBOT_MIGRATE=1), then hand over to `riskbot`.
# Replicas may all migrate at start: on PostgreSQL they take turns under an advisory lock.
set -eu
if [ "${RISKBOT_MIGRATE:-0}" = "1" ]; then
  riskbot db upgrade
fi
exec riskbot "$@"
