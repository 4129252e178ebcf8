// A PowerShell module: the automation namespace is every command's and adapter's vocabulary, named once here.
global using System.Management.Automation;
