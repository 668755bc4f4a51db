using System;
using System.Linq;
using GladiaPS.Core.Models;
using Xunit;

namespace GladiaPS.Core.Tests.Models
{
    public class LiveJobTests
    {
        private const string DoneJob = """
        {
          "id": "b1e0c7d2-4f3a-4c55-9e61-0a8d2f7c3b94",
          "request_id": "G-5d0e7a31",
          "version": 2,
          "status": "done",
          "created_at": "2026-02-14T10:15:30.120Z",
          "completed_at": "2026-02-14T10:21:05Z",
          "custom_metadata": { "meeting": "weekly-sync", "room": 4, "tags": ["a", "b"] },
          "error_code": null,
          "kind": "live",
          "file": { "id": "f1", "filename": null, "source": null, "audio_duration": 311, "number_of_channels": 1 },
          "request_params": { "encoding": "wav/pcm", "sample_rate": 16000, "endpointing": 0.3 },
          "result": {
            "metadata": { "audio_duration": 311.4, "number_of_distinct_channels": 1, "billing_time": 311.4, "transcription_time": 20.1 },
            "transcription": {
              "full_transcript": "alpha bravo charlie",
              "languages": ["en"],
              "utterances": [
                { "start": 0.5, "end": 1.2, "confidence": 0.9, "channel": 0, "text": "alpha bravo", "language": "en",
                  "words": [ { "word": "alpha", "start": 0.5, "end": 0.7, "confidence": 0.9 }, { "word": "bravo", "start": 0.75, "end": 0.95, "confidence": 0.9 } ] },
                { "start": 2.0, "end": 2.2, "channel": 0, "text": " charlie ", "language": "en" }
              ]
            },
            "translation": { "success": true, "is_empty": false, "exec_time": 1.5, "error": null,
              "results": [ { "error": null, "full_transcript": "alpha bravo charlie (fr)", "languages": ["fr"], "utterances": [] } ] },
            "summarization": { "success": true, "is_empty": false, "exec_time": 0.4, "error": null, "results": "Three words." },
            "named_entity_recognition": { "success": false, "is_empty": true, "exec_time": 0.1,
              "error": { "status_code": 500, "exception": "Boom", "message": "failed" }, "results": null },
            "sentiment_analysis": { "success": true, "is_empty": false, "exec_time": 0.2, "error": null,
              "results": "[{\"sentiment\":\"neutral\",\"emotion\":\"calm\",\"text\":\"alpha\",\"start\":0.5,\"end\":0.7,\"channel\":0}]" },
            "messages": ["{\"type\":\"start_session\"}", { "type": "end_session" }],
            "future_block": { "x": 1 }
          }
        }
        """;

        [Fact]
        public void Parse_DoneJob_ReadsEveryBlock()
        {
            var job = LiveJob.Parse(DoneJob);

            Assert.Equal("b1e0c7d2-4f3a-4c55-9e61-0a8d2f7c3b94", job.Id);
            Assert.Equal("G-5d0e7a31", job.RequestId);
            Assert.Equal(2, job.Version);
            Assert.Equal("done", job.Status);
            Assert.True(job.IsDone);
            Assert.True(job.IsFinished);
            Assert.Equal("live", job.Kind);
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 15, 30, 120, TimeSpan.Zero), job.CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 21, 5, TimeSpan.Zero), job.CompletedAt);
            Assert.Null(job.ErrorCode);
            Assert.Equal("weekly-sync", job.CustomMetadata!["meeting"]);
            Assert.Equal((object)4L, job.CustomMetadata["room"]);
            Assert.Equal(new object[] { "a", "b" }, (object?[])job.CustomMetadata["tags"]!);
            Assert.Equal((object)16000L, job.RequestParams!["sample_rate"]);
            Assert.Contains("\"endpointing\": 0.3", job.RequestParamsJson);
            Assert.Equal(311.0, job.File!.AudioDuration);
            Assert.Equal(1, job.File.NumberOfChannels);
            Assert.Null(job.File.Filename);

            var result = job.Result!;
            Assert.Equal(311.4, result.Metadata!.AudioDuration);
            Assert.Equal(20.1, result.Metadata.TranscriptionTime);
            Assert.Equal("alpha bravo charlie", result.FullTranscript);
            Assert.Equal(new[] { "alpha bravo", "charlie" }, result.Utterances.Select(u => u.Text));
            Assert.Null(result.Utterances[1].Confidence);
            Assert.Equal(2, result.Utterances[0].Words.Count);
            Assert.Equal("alpha bravo charlie (fr)", Assert.Single(result.Translation!.Results).FullTranscript);
            Assert.Equal("Three words.", result.Summarization!.Results);
            Assert.False(result.NamedEntityRecognition!.Success);
            Assert.Equal(500, result.NamedEntityRecognition.Error!.StatusCode);
            Assert.Equal("Boom", result.NamedEntityRecognition.Error.Exception);
            Assert.Empty(result.NamedEntityRecognition.Results);
            Assert.Equal("neutral", Assert.Single(result.SentimentAnalysis!.Results).Sentiment);
            Assert.Equal(new[] { "{\"type\":\"start_session\"}", "{ \"type\": \"end_session\" }" }, result.Messages);
            Assert.Contains("future_block", job.Raw);
            Assert.Equal(DoneJob, job.Raw);
        }

        [Theory]
        [InlineData("500", 500)]
        [InlineData("\"422\"", 422)]
        [InlineData("null", null)]
        [InlineData("\"not a number\"", null)]
        [InlineData("401.0", 401)]
        public void ErrorCode_AcceptsNumberNumericStringOrNull(string errorCode, int? expected)
        {
            // §11 #12.
            var job = LiveJob.Parse("{\"id\":\"j\",\"status\":\"error\",\"error_code\":" + errorCode + ",\"file\":null,\"request_params\":null}");
            Assert.Equal(expected, job.ErrorCode);
            Assert.True(job.IsError);
            Assert.Null(job.File);
            Assert.Null(job.RequestParams);
            Assert.Null(job.Result);
        }

        [Fact]
        public void RelatedResultShape_WithMessageObjects_IsRead()
        {
            // §11 #11: a related GET example shows messages as objects and other top-level result fields.
            var job = LiveJob.Parse("""
                {"id":"j","status":"done","kind":"live","file":null,"request_params":{"language":"en"},
                 "result":{"messages":[{"content":"hi","start_time":0,"end_time":1,"speaker":0}],"language":"en","language_is_accurate":true}}
                """);
            Assert.Equal("en", job.RequestParams!["language"]);
            Assert.Contains("\"content\":\"hi\"", Assert.Single(job.Result!.Messages));
            Assert.Null(job.Result.Transcription);
            Assert.Equal(string.Empty, job.Result.FullTranscript);
            Assert.Contains("language_is_accurate", job.Raw);
        }

        [Fact]
        public void TimestampsWithoutMilliseconds_AreRead()
        {
            var job = LiveJob.Parse("{\"id\":\"j\",\"status\":\"queued\",\"created_at\":\"2026-02-14T10:15:30Z\",\"completed_at\":null}");
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 15, 30, TimeSpan.Zero), job.CreatedAt);
            Assert.Null(job.CompletedAt);
            Assert.False(job.IsFinished);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("[1]")]
        public void Parse_NotAnObject_ThrowsFormatException_TryParseReturnsFalse(string json)
        {
            Assert.Throws<FormatException>(() => LiveJob.Parse(json));
            Assert.False(LiveJob.TryParse(json, out _));
        }

        [Fact]
        public void Utterance_Parse_IsTolerant()
        {
            var utterance = Utterance.Parse("{\"text\":\"  x \",\"speaker\":1,\"words\":[{\"word\":\"x\"}, 5]}");
            Assert.Equal("x", utterance.Text);
            Assert.Equal(1, utterance.Speaker);
            Assert.Single(utterance.Words);
        }

        [Fact]
        public void Result_Chapterization_IsTyped_InEitherShape()
        {
            var listed = LiveResult.Parse("""{ "chapterization": { "success": true, "is_empty": false, "exec_time": 1.5, "error": null, "results": [ { "headline": "Intro", "gist": "Greetings", "start": 0, "end": 4, "text": "Hello." } ] } }""");
            var chapter = Assert.Single(listed.Chapterization!.Chapters);
            Assert.Equal("Greetings", chapter.Gist);
            Assert.Equal("Hello.", chapter.Text);
            Assert.True(listed.Chapterization.Success);
            Assert.Equal(1.5, listed.Chapterization.ExecTime);

            var nested = LiveResult.Parse("""{ "chapterization": { "results": { "chapters": [ { "start_time": 1, "end_time": 9, "summary": "All of it" } ] } } }""");
            Assert.Equal("All of it", Assert.Single(nested.Chapterization!.Chapters).Summary);

            var failed = LiveResult.Parse("""{ "chapterization": { "success": false, "error": { "message": "deprecated" }, "results": null } }""");
            Assert.Empty(failed.Chapterization!.Chapters);
            Assert.Equal("deprecated", failed.Chapterization.Error!.Message);
        }
    }
}
