using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtomicWrite.TestWriter;

/// <summary>
/// A real Generic Host: its console lifetime handles SIGTERM before the library's first write; the background
/// service commits a pending stream while the host stops.
/// </summary>
internal static class HostMode
{
    internal static void Run(string path)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new Target(path));
        builder.Services.AddHostedService<Committer>();
        using IHost host = builder.Build();
        host.Run();
        Console.Out.Flush();
    }

    private sealed record Target(string Path);

    private sealed class Committer : BackgroundService
    {
        private readonly string _path;
        private AtomicFileStream? _stream;

        public Committer(Target target) => _path = target.Path;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _stream = AtomicFile.Create(_path);
            _stream.Write("new"u8);
            Console.WriteLine("holding");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            try
            {
                await _stream!.CommitAsync(CancellationToken.None);
                Console.WriteLine("committed");
            }
            catch (Exception e)
            {
                Console.WriteLine("commit failed: " + e.GetType().Name + " " + e.Message);
            }
            finally
            {
                _stream!.Dispose();
            }
        }
    }
}
