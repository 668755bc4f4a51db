using System.Text;
using GladiaPS.Core.Live;
using Xunit;

namespace GladiaPS.Core.Tests.Live
{
    public class AcknowledgmentReaderTests
    {
        [Fact]
        public void AcceptedAck_IsReadWithoutTheFullParser()
        {
            var json = "{\"type\":\"audio_chunk\",\"session_id\":\"s\",\"created_at\":\"2026-02-14T10:15:33.402Z\",\"acknowledged\":true,\"error\":null," +
                "\"data\":{\"byte_range\":[64000,96000],\"time_range\":[2.0,3.0]}}";
            Assert.True(AcknowledgmentReader.TryRead(Encoding.UTF8.GetBytes(json), out var start, out var end));
            Assert.Equal(64000, start);
            Assert.Equal(96000, end);
        }

        [Theory]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":false,\"error\":null,\"data\":{\"byte_range\":[0,10]}}")]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":true,\"error\":{\"message\":\"x\"},\"data\":{\"byte_range\":[0,10]}}")]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":true,\"error\":null,\"data\":null}")]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":true,\"data\":{\"byte_range\":[0]}}")]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":true,\"data\":{\"byte_range\":[0.5,10]}}")]
        [InlineData("{\"type\":\"audio_chunk\",\"data\":{\"byte_range\":[0,10]}}")]
        [InlineData("{\"type\":\"stop_recording\",\"acknowledged\":true,\"data\":{\"byte_range\":[0,10]}}")]
        [InlineData("{\"acknowledged\":true,\"data\":{\"byte_range\":[0,10]}}")]
        [InlineData("{\"type\":\"audio_chunk\",\"acknowledged\":true,\"data\":{\"byte_range\":[0,10]}")]
        [InlineData("not json")]
        [InlineData("[1,2]")]
        public void AnythingUnusual_FallsBackToTheFullParser(string json)
        {
            Assert.False(AcknowledgmentReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out _));
        }
    }
}
