#!/bin/sh
# Runs a command (the local broker) and stops it when the orchestrator that started this script is gone: Linux then
# gives this script a new parent. Stands in for the orchestrator's own per-resource watcher, which the AppHost turns off
# (ProcessMonitors.cs). A stop signal is passed on to the command, and the command's exit status is this script's.
parent=$PPID
# The orchestrator's end also closes the pipes it read our output from: a write must fail, not end this script.
trap '' PIPE
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit $?' TERM INT
while kill -0 "$child" 2>/dev/null; do
  # Field 4 of /proc/<pid>/stat is the parent's pid; the command name before it is in parentheses and may hold spaces.
  now=$(sed 's/.*) //' "/proc/$$/stat" | cut -d' ' -f2)
  if [ "$now" != "$parent" ]; then
    kill -TERM "$child" 2>/dev/null
    echo "stop-with-parent: the orchestrator (pid $parent) is gone; stopping $1" >&2
    wait "$child"
    exit $?
  fi
  sleep 2 &
  wait $!
done
wait "$child"
