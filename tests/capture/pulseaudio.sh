#!/usr/bin/env bash
# A private PulseAudio server with a null sink, so capture can be tested without sound hardware:
#   source tests/capture/pulseaudio.sh start   # exports XDG_RUNTIME_DIR and PULSE_SERVER for what runs next
#   source tests/capture/pulseaudio.sh stop
# The null sink is the default output; its monitor is the default source (what the tests capture).
case "${1:-}" in
  start)
    if ! command -v pulseaudio >/dev/null 2>&1 || ! command -v pactl >/dev/null 2>&1; then
      echo "pulseaudio is not installed: the capture tests will be skipped" >&2
      return 0 2>/dev/null || exit 0
    fi
    export GLADIAPS_PULSE_DIR="$(mktemp -d)"
    chmod 700 "$GLADIAPS_PULSE_DIR"
    export XDG_RUNTIME_DIR="$GLADIAPS_PULSE_DIR"
    export PULSE_SERVER="unix:$GLADIAPS_PULSE_DIR/pulse/native"
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
      --load=module-native-protocol-unix \
      --load="module-null-sink sink_name=gladiaps_test sink_properties=device.description=GladiaPS-test" \
      --log-target=file:"$GLADIAPS_PULSE_DIR/pulseaudio.log" 2>/dev/null
    for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
    if pactl info >/dev/null 2>&1; then
      pactl set-default-sink gladiaps_test
      pactl set-default-source gladiaps_test.monitor
      echo "PulseAudio null sink gladiaps_test at $PULSE_SERVER"
    else
      echo "PulseAudio did not start (see $GLADIAPS_PULSE_DIR/pulseaudio.log): the capture tests will be skipped" >&2
    fi
    ;;
  stop)
    if [ -n "${GLADIAPS_PULSE_DIR:-}" ]; then
      XDG_RUNTIME_DIR="$GLADIAPS_PULSE_DIR" pulseaudio --kill 2>/dev/null || true
      rm -rf "$GLADIAPS_PULSE_DIR"
      unset GLADIAPS_PULSE_DIR PULSE_SERVER
    fi
    ;;
  *)
    echo "usage: source tests/capture/pulseaudio.sh start|stop" >&2
    ;;
esac
