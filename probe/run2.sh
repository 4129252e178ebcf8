#!/bin/bash
# run.sh SCENARIO [NewOnly]
export PATH="$PATH:/root/.dotnet/tools"
d=$(mktemp -d); python3 /work/wt-r21/probe/hostile.py "$1" $d/port 2>$d/server.log & sp=$!
for i in $(seq 50); do [ -s $d/port ] && break; sleep 0.1; done
timeout 120 pwsh -NoProfile -File /work/wt-r21/probe/${GATE:-gate.ps1} -Port $(cat $d/port) -Extra "$2" 2>&1 | sed 's/^/  | /' | head -40
echo "== $1 $2 exit=${PIPESTATUS[0]}"
kill $sp 2>/dev/null; wait $sp 2>/dev/null
[ -n "$SHOWLOG" ] && cat $d/server.log
rm -rf $d
