using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class JobsLeftRunningTests
    {
        [Fact]
        public void OnlyJobsNotYetWritten_AreNamed_InTheOrderTheyStarted()
        {
            var jobs = new JobsLeftRunning();
            object written = new object(), waiting = new object(), creating = new object(), uploadOnly = new object();
            jobs.Creating(waiting, "b.wav");
            jobs.Creating(written, "a.wav");
            jobs.Created(written, "job-a");
            jobs.Created(waiting, "job-b");
            jobs.Finished(written);
            jobs.Creating(creating, "c.wav");
            jobs.Finished(uploadOnly);

            Assert.Equal(
                new[]
                {
                    "'b.wav': job job-b goes on on the server (Get-GladiaTranscription -Id job-b -Wait collects it).",
                    "'c.wav': stopped while its job was being created; the server may have made it (Get-GladiaTranscription lists the jobs).",
                },
                jobs.Describe());
        }
    }
}
