using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Front.Actors.Host.Api;

/// <summary>
/// Reads an uploaded import (a <c>text/csv</c> body, or the file part of <c>multipart/form-data</c>) into memory, up to a
/// limit: a declared Content-Length over it is refused at once, and an undeclared (chunked) body is counted as it
/// streams and refused the moment it passes the limit, so an oversized file is never held whole.
/// </summary>
public static class ImportUpload
{
    public sealed record Read(byte[]? Bytes, IResult? Problem);

    public static async Task<Read> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + (IsMultipart(request) ? 64 * 1024 : 0))
            return TooLarge(maxBytes);
        // The server's own cap (30 MB by default) must not cut in first with a bare answer.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;
        if (IsMultipart(request))
            return await ReadFilePartAsync(request, maxBytes, ct);
        var type = request.ContentType is { } t && MediaTypeHeaderValue.TryParse(t, out var parsed) ? parsed.MediaType.Value : null;
        if (type is not ("text/csv" or "text/plain" or "application/csv" or "application/vnd.ms-excel" or "application/octet-stream"))
            return new Read(null, ApiProblems.Field(415, "file", "send the file as text/csv (the body) or multipart/form-data (a part named 'file')"));
        return await CopyAsync(request.Body, maxBytes, ct);
    }

    private static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<Read> ReadFilePartAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
            return new Read(null, ApiProblems.Field(400, "file", "the multipart body has no boundary"));
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "file" || disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                    return await CopyAsync(section.Body, maxBytes, ct);
            }
        }
        catch (InvalidDataException e)
        {
            return new Read(null, ApiProblems.Field(400, "file", $"the multipart body cannot be read ({e.Message.TrimEnd('.')})"));
        }
        return new Read(null, ApiProblems.Field(400, "file", "the multipart body has no file part (name it 'file')"));
    }

    private static async Task<Read> CopyAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > maxBytes)
                return TooLarge(maxBytes);
            copy.Write(buffer, 0, read);
        }
        return new Read(copy.ToArray(), null);
    }

    private static Read TooLarge(long maxBytes) =>
        new(null, ApiProblems.Field(413, "file", $"the file is larger than the limit of {Size(maxBytes)}"));

    private static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";
}
