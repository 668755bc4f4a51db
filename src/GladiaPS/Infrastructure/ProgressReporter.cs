using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using GladiaPS.Core.Audio;

namespace GladiaPS.Infrastructure
{
    /// <summary>Progress of one input, posted at most four times a second: audio time sent, and the share of the whole when known.</summary>
    internal sealed class ProgressReporter
    {
        private static readonly long Interval = Stopwatch.Frequency / 4;
        private readonly GladiaCmdletBase _cmdlet;
        private readonly int _activityId;
        private readonly string _name;
        private readonly double? _totalSeconds;
        private readonly int _bytesPerSecond;
        private long _last;
        private bool _completed;

        /// <param name="bytesPerSecond">The session format's byte rate, to say how much was sent; 0 to leave bytes out.</param>
        public ProgressReporter(GladiaCmdletBase cmdlet, int activityId, string name, double? totalSeconds, int bytesPerSecond = 0)
        {
            _bytesPerSecond = bytesPerSecond;
            _cmdlet = cmdlet;
            _activityId = activityId;
            _name = name;
            _totalSeconds = totalSeconds;
        }

        public void Report(double secondsSent)
        {
            var now = Stopwatch.GetTimestamp();
            if (now - _last < Interval)
            {
                return;
            }

            _last = now;
            var status = _totalSeconds is { } total && total > 0
                ? string.Format(CultureInfo.InvariantCulture, "{0} of {1} sent", Clock(secondsSent), Clock(total))
                : string.Format(CultureInfo.InvariantCulture, "{0} sent", Clock(secondsSent));
            if (_bytesPerSecond > 0)
            {
                status += string.Format(CultureInfo.InvariantCulture, " ({0:0.0} MB)", secondsSent * _bytesPerSecond / 1_000_000);
            }

            var record = new ProgressRecord(_activityId, "Sending " + _name, status);
            if (_totalSeconds is { } whole && whole > 0)
            {
                record.PercentComplete = (int)Math.Min(100, Math.Max(0, secondsSent * 100 / whole));
            }

            _cmdlet.PostProgress(record);
        }

        public void Complete()
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _cmdlet.PostProgress(new ProgressRecord(_activityId, "Sending " + _name, "done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Says how an input is read and sent, once it is open.</summary>
        public static void WriteFormatVerbose(GladiaCmdletBase output, string name, IAudioSource source, SessionAudioFormat format) =>
            output.PostVerbose("'" + name + "': read as " + source.Format + "; sent as " + format + ".");

        private static string Clock(double seconds) =>
            double.IsNaN(seconds) || seconds < 0 || seconds > 1e9 ? "?" : TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture);
    }
}
