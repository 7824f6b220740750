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

# Sets $now to this script's parent's pid: field 4 of /proc/<pid>/stat, after the command name in parentheses (which
# may hold spaces). Read without starting a process, as it runs every two seconds for the broker's whole life.
read_parent() {
  read -r stat < "/proc/$$/stat"
  set -- ${stat##*) }
  now=$2
}

while kill -0 "$child" 2>/dev/null; do
  read_parent
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
