#!/bin/sh
# with-keyring CMD…: run CMD in a private D-Bus session with an unlocked gnome-keyring,
# so tests and benchmarks use a real Secret Service and never the user's own keychain.
set -e
base=$(mktemp -d "${TMPDIR:-/tmp}/notion-vault-keyring.XXXXXX")
mkdir -p "$base/data" "$base/run"
chmod 700 "$base/run"
export XDG_DATA_HOME="$base/data" XDG_RUNTIME_DIR="$base/run"
set +e
dbus-run-session -- sh -c 'echo -n test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
rc=$?
rm -rf "$base"
exit $rc
