#!/bin/bash
# run.sh SCENARIO 'extra gate args' [lifetime] : runs the gate under pwsh -File against the probe server; prints exit code.
set -u
export PATH="$PATH:/root/.dotnet/tools"
D=$(dirname "$(readlink -f "$0")")
S=$1; ARGS=${2:-}; LIFE=${3:-90}
W=$(mktemp -d /tmp/ibprobe.XXXX)
python3 "$D/ibserver.py" "$S" "$W/port" "$W/log" "$LIFE" & SP=$!
for i in $(seq 1 50); do [ -f "$W/port" ] && break; sleep 0.1; done
PORT=$(cat "$W/port")
IMG=arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/2
PIPE=arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web
ARGS=$(printf "%s" "$ARGS" | sed "s#@IMG#'$IMG'#g; s#@PIPE#'$PIPE'#g")
cat > "$W/gate.ps1" <<PS
Import-Module ${MODULE:-$(dirname "$D")/../output/ImageBuilderScan/0.1.0/ImageBuilderScan.psd1} -ErrorAction Stop
\$c = @{ EndpointUrl = 'http://127.0.0.1:$PORT'; AccessKey = 'AKIAPROBE0000000001'; SecretKey = 'probesecretprobesecretprobesecret00001' }
${PRE:-}
${PIPEIN:-}Test-IBScanGate @c ${EXFIRST:-} $ARGS ${EXLAST--ExitCode} ${POST:-}
'AFTER-GATE'
PS
cd "$W"
NO_COLOR=${NOCOLOR-1} timeout ${TMO:-120} pwsh -NoProfile -File "$W/gate.ps1" > "$W/out" 2>&1; RC=$?
kill $SP 2>/dev/null; wait $SP 2>/dev/null
echo "=== $S [$ARGS] exit=$RC"
cat -v "$W/out" | ${FILTER:-head -60}
echo "--- calls:"; python3 -c "
import json,collections,sys
c=collections.Counter(json.loads(l)['op'] for l in open('$W/log'))
print(dict(c))"
echo "workdir $W"
