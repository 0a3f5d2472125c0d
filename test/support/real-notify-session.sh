#!/bin/sh
# real-notify-session.sh MONITOR_LOG CMD…: run CMD on a real (virtual) desktop and record the
# desktop notifications it sends. Meant to run inside `xvfb-run -a dbus-run-session --`, so that
# there is an X display and a private D-Bus session; in that session it starts
#   - an unlocked gnome-keyring (Secret Service), as with-keyring.sh does, in temp dirs;
#   - dbus-monitor, writing every org.freedesktop.Notifications.Notify call to MONITOR_LOG;
#   - dunst, the notification daemon that answers those calls.
# Exits with CMD's exit code; 90 if the session could not be set up (the reason on stderr).
set -u
log=$1
shift
base=$(mktemp -d "${TMPDIR:-/tmp}/notion-vault-notify.XXXXXX")
mkdir -p "$base/data" "$base/run"
chmod 700 "$base/run"
export XDG_DATA_HOME="$base/data" XDG_RUNTIME_DIR="$base/run"
monitor=''
daemon=''
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null
  [ -n "$monitor" ] && kill "$monitor" 2>/dev/null
  rm -rf "$base"
}
fail() {
  echo "real-notify-session: $1" >&2
  [ -f "$base/dunst.log" ] && sed 's/^/real-notify-session: dunst: /' "$base/dunst.log" >&2
  cleanup
  exit 90
}
# Waits up to ~10 s for a condition (a shell command) to hold.
wait_for() {
  i=0
  while ! eval "$1"; do
    i=$((i + 1))
    [ "$i" -gt 200 ] && return 1
    sleep 0.05
  done
}
owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
}

printf %s test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || fail 'gnome-keyring-daemon did not start'
wait_for 'owned org.freedesktop.secrets' || fail 'the Secret Service did not appear on the session bus'

dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" >"$log" 2>&1 &
monitor=$!
# dbus-monitor prints the NameAcquired signal it receives once it is connected and listening.
wait_for '[ -s "$log" ]' || fail 'dbus-monitor printed nothing'

dunst >"$base/dunst.log" 2>&1 &
daemon=$!
wait_for 'owned org.freedesktop.Notifications' || fail 'dunst did not take org.freedesktop.Notifications'

"$@"
rc=$?
# dbus-monitor writes each message as it sees it; give it a moment to write the last one.
wait_for 'grep -q "member=Notify" "$log"' || true
cleanup
exit "$rc"
