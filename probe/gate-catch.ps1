param([string]$Port, [string]$Extra = '')
$ErrorActionPreference = 'Stop'
Import-Module /work/wt-r21/output/ImageBuilderScan/0.1.0/ImageBuilderScan.psd1
$aws = @{ EndpointUrl = "http://127.0.0.1:$Port"; Region = 'us-east-1'; AccessKey = 'AKIAIBSCANEMULATOR00'; SecretKey = 'ImageBuilderScanEmulatorSecretKey00000000' }
try { Test-IBScanGate @aws -ImagePipelineArn 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/app' -ExitCode }
catch { "CAUGHT: $($_.Exception.GetType().FullName) / $($_.FullyQualifiedErrorId)"; "LASTEXITCODE=$LASTEXITCODE" }
"after: LASTEXITCODE=$LASTEXITCODE"
