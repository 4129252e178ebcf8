#Requires -Version 7.4
# Pester 5. build.ps1's own helpers, taken from the script's syntax tree (running the script would build).

BeforeDiscovery {
    # Hosted PowerShell (the xunit run via Microsoft.PowerShell.SDK) has no pwsh to start again.
    $script:NoPwshHere = -not ((Test-Path (Join-Path $PSHOME 'pwsh.dll')) -or (Test-Path (Join-Path $PSHOME 'pwsh')) -or (Test-Path (Join-Path $PSHOME 'pwsh.exe')))
}

BeforeAll {
    $script:BuildScript = Join-Path (Split-Path $PSScriptRoot -Parent) 'build.ps1'
    $script:ParseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($BuildScript, [ref]$null, [ref]$script:ParseErrors)
    $definition = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq 'Get-PwshCommand' }, $true)
    . ([scriptblock]::Create($definition.Extent.Text))
}

Describe 'build.ps1' {
    It 'parses' {
        $ParseErrors | Should -BeNullOrEmpty
    }

    It 'starts the child PowerShell of the Test task with this PowerShell, however it was installed' -Skip:$NoPwshHere {
        # Installed as a dotnet tool, this process is the dotnet host: starting it with -NoProfile
        # ran `dotnet -NoProfile` and the Test task failed without running Pester.
        $pwsh = @(Get-PwshCommand)
        $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()'
        $LASTEXITCODE | Should -Be 0
        $out | Should -Be $PSVersionTable.PSVersion.ToString()
    }
}
