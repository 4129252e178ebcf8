// The client's own namespaces, for every file of the client: they are one layer, and a file names the
// folder (namespace) it lives in, not the neighbours it uses. The namespace-cycle test still holds them acyclic.
global using ImageBuilderScan.Client.Connection;
global using ImageBuilderScan.Client.Text;
global using ImageBuilderScan.Client.Diagnostics;
global using ImageBuilderScan.Client.Errors;
global using ImageBuilderScan.Client.Http;
global using ImageBuilderScan.Client.Model;
global using ImageBuilderScan.Client.Operations;
global using ImageBuilderScan.Client.Paging;
global using ImageBuilderScan.Client.Queries;
global using ImageBuilderScan.Client.Sdk;
global using ImageBuilderScan.Client.Wire;
