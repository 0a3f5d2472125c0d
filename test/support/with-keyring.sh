#!/bin/sh
# with-keyring CMD…: run CMD in a private D-Bus session with an unlocked gnome-keyring,
# so tests and benchmarks use a real Secret Service and never the user's own keychain.
# macOS and Windows (Git's sh) have no Secret Service to start: there CMD runs as it is,
# against the OS keychain (the tests use keychain service names of their own).
set -e
case "$(uname -s)" in
  Darwin | MINGW* | MSYS* | CYGWIN*) exec "$@" ;;
esac
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool not found: install dbus and gnome-keyring (Debian/Ubuntu: apt-get install dbus gnome-keyring)" >&2
    exit 127
  fi
done
base=$(mktemp -d "${TMPDIR:-/tmp}/notion-vault-keyring.XXXXXX")
mkdir -p "$base/data" "$base/run"
chmod 700 "$base/run"
export XDG_DATA_HOME="$base/data" XDG_RUNTIME_DIR="$base/run"
set +e
dbus-run-session -- sh -c 'echo -n test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
rc=$?
rm -rf "$base"
exit $rc
