# Runtime settings of the AppHost process itself, sourced by run.sh and the benchmarks that start the stack. The
# dashboard inherits them (the orchestrator starts it with the AppHost's environment); the platform's processes get
# their own from the AppHost (PlatformResources.WithSmallFootprint). Workstation GC with a 4 MiB gen0 budget and no
# dynamic-PGO instrumentation: 10–20 MiB less each for the AppHost and the dashboard, which serve one developer.
export DOTNET_gcServer=0 DOTNET_GCgen0size=0x400000 DOTNET_TieredPGO=0
