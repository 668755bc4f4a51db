using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace GladiaPS.Emulator
{
    /// <summary>Writes warnings and errors as single lines to a text writer (stderr on the command line).</summary>
    internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(TextWriter writer, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                var line = $"{logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception)}";
                if (exception != null) line += " (" + exception.GetType().Name + ": " + exception.Message + ")";
                lock (writer) writer.WriteLine(line);
            }
        }
    }
}
