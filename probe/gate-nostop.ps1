param([string]$Port, [string]$Extra = '')
# no Stop
Import-Module /work/wt-r21/output/ImageBuilderScan/0.1.0/ImageBuilderScan.psd1
$aws = @{ EndpointUrl = "http://127.0.0.1:$Port"; Region = 'us-east-1'; AccessKey = 'AKIAIBSCANEMULATOR00'; SecretKey = 'ImageBuilderScanEmulatorSecretKey00000000' }
$A = 'arn:aws:imagebuilder:us-east-1:111122223333:image/app/1.0.0/2'
$extraArgs = @{}
if ($Extra -eq 'NewOnly') { $extraArgs.NewOnly = $true }
if ($Extra -eq 'Pipeline') { $extraArgs.ImagePipelineArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/app' }
if ($Extra -eq 'Pipeline') { $extraArgs.Remove('X') } else { $extraArgs.ImageBuildVersionArn = $A }
Test-IBScanGate @aws -FailOn HIGH @extraArgs -OutVariable gate -ExitCode | Format-List ImageBuildVersionArn, SelectedFrom, Passed, ScanProblem, Summary
