using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The pre-recorded jobs one Invoke-GladiaTranscription created and has not yet written, and the inputs whose job was
    /// being created: what goes on on the server when the command is stopped (Ctrl+C, a failed batch), for it to say so.
    /// Runs report from the thread pool; the pipeline thread reads.
    /// </summary>
    internal sealed class JobsLeftRunning
    {
        private readonly object _gate = new object();
        private readonly Dictionary<object, Entry> _entries = new Dictionary<object, Entry>();
        private long _order;

        /// <summary>The job of <paramref name="run"/> (an input named <paramref name="name"/>) is being created.</summary>
        public void Creating(object run, string name)
        {
            lock (_gate)
            {
                _entries[run] = new Entry(_order++, name, null);
            }
        }

        /// <summary>The job of <paramref name="run"/> exists on the server as <paramref name="jobId"/>.</summary>
        public void Created(object run, string jobId)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(run, out var entry))
                {
                    _entries[run] = new Entry(entry.Order, entry.Name, jobId);
                }
            }
        }

        /// <summary><paramref name="run"/> has written what it had to (its result, its error, or with -NoWait its job), or made no job.</summary>
        public void Finished(object run)
        {
            lock (_gate)
            {
                _entries.Remove(run);
            }
        }

        /// <summary>One line per job (or job request) left to the server, in the order they were started; none when all finished.</summary>
        public IReadOnlyList<string> Describe()
        {
            lock (_gate)
            {
                return _entries.Values.OrderBy(e => e.Order).Select(e => e.JobId is null
                    ? "'" + e.Name + "': stopped while its job was being created; the server may have made it (Get-GladiaTranscription lists the jobs)."
                    : "'" + e.Name + "': job " + e.JobId + " goes on on the server (Get-GladiaTranscription -Id " + e.JobId + " -Wait collects it).").ToList();
            }
        }

        private readonly struct Entry
        {
            public Entry(long order, string name, string? jobId)
            {
                Order = order;
                Name = name;
                JobId = jobId;
            }

            public long Order { get; }

            public string Name { get; }

            public string? JobId { get; }
        }
    }
}
