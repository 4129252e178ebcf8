namespace ImageBuilderScan;
