// The client's model records are the engine's vocabulary (builds, findings, counts): nearly every decision reads
// them, so they are named once here rather than in each file. Other client namespaces stay explicit per file, so
// a file's dependence on connection, errors or text handling remains visible where it is.
global using System.Globalization;
global using System.Text;
global using ImageBuilderScan.Client.Model;
