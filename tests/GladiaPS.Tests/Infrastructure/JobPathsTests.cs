using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class JobPathsTests
    {
        [Fact]
        public void AJobsFile_IsFound_UntilMoreThanTheBoundOfJobsCameAfterIt()
        {
            var first = "jobpaths-first-" + System.Guid.NewGuid().ToString("n");
            JobPaths.Add(first, "/calls/one.wav");
            JobPaths.Add("jobpaths-none", null);

            Assert.Equal("/calls/one.wav", JobPaths.Find(first));
            Assert.Null(JobPaths.Find("jobpaths-none"));
            Assert.Null(JobPaths.Find(null));

            for (var i = 0; i < JobPaths.MaxEntries; i++)
            {
                JobPaths.Add("jobpaths-" + i, "/calls/" + i + ".wav");
            }

            Assert.Null(JobPaths.Find(first));
            Assert.Equal("/calls/9999.wav", JobPaths.Find("jobpaths-9999"));
        }
    }
}
