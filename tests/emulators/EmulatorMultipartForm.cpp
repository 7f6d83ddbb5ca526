#include "EmulatorMultipartForm.h"

namespace {

// The value of `name` in a header's parameters (`form-data; name="a"; filename="b.txt"`); quoted values are taken
// literally up to the next quote, as browsers send them (they percent-encode quotes rather than escaping them).
std::optional<QByteArray> parameter(const QByteArray& header, const QByteArray& name)
{
    qsizetype pos = header.indexOf(';');
    while (pos >= 0 && pos < header.size()) {
        ++pos;
        while (pos < header.size() && (header.at(pos) == ' ' || header.at(pos) == '\t'))
            ++pos;
        const qsizetype equals = header.indexOf('=', pos);
        if (equals < 0)
            return std::nullopt;
        const QByteArray key = header.mid(pos, equals - pos).trimmed();
        QByteArray value;
        qsizetype end = 0;
        if (equals + 1 < header.size() && header.at(equals + 1) == '"') {
            const qsizetype close = header.indexOf('"', equals + 2);
            if (close < 0)
                return std::nullopt;
            value = header.mid(equals + 2, close - equals - 2);
            end = header.indexOf(';', close);
        } else {
            end = header.indexOf(';', equals);
            value = header.mid(equals + 1, end < 0 ? -1 : end - equals - 1).trimmed();
        }
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
        pos = end;
    }
    return std::nullopt;
}

bool fail(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return false;
}

bool readHeaders(const QByteArray& headers, EmulatorMultipartForm::Part& part, QString* error)
{
    bool disposition = false;
    for (const QByteArray& line : headers.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        const qsizetype colon = trimmed.indexOf(':');
        if (colon < 0)
            return fail(error, QStringLiteral("A part has a malformed header"));
        const QByteArray name = trimmed.left(colon).trimmed();
        const QByteArray value = trimmed.mid(colon + 1).trimmed();
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            part.contentType = value;
        } else if (name.compare("Content-Disposition", Qt::CaseInsensitive) == 0) {
            if (!value.split(';').first().trimmed().toLower().startsWith("form-data"))
                return fail(error, QStringLiteral("A part is not form-data"));
            const std::optional<QByteArray> fieldName = parameter(value, "name");
            if (!fieldName)
                return fail(error, QStringLiteral("A part has no name"));
            part.name = QString::fromUtf8(*fieldName);
            // RFC 5987's filename* wins over filename when both are there.
            if (const std::optional<QByteArray> extended = parameter(value, "filename*")) {
                const qsizetype quote = extended->indexOf("''");
                part.hasFileName = true;
                part.fileName = QString::fromUtf8(QByteArray::fromPercentEncoding(extended->mid(quote + 2)));
            } else if (const std::optional<QByteArray> fileName = parameter(value, "filename")) {
                part.hasFileName = true;
                part.fileName = QString::fromUtf8(*fileName);
            }
            disposition = true;
        }
    }
    return disposition || fail(error, QStringLiteral("A part has no Content-Disposition"));
}

} // namespace

bool EmulatorMultipartForm::isMultipartFormData(const QByteArray& contentType)
{
    return contentType.split(';').first().trimmed().toLower() == "multipart/form-data";
}

std::optional<QList<EmulatorMultipartForm::Part>> EmulatorMultipartForm::parse(const QByteArray& contentType,
                                                                               const QByteArray& body, QString* error)
{
    const std::optional<QByteArray> boundary = parameter(contentType, "boundary");
    if (!isMultipartFormData(contentType) || !boundary || boundary->isEmpty()) {
        fail(error, QStringLiteral("Not multipart/form-data with a boundary"));
        return std::nullopt;
    }
    const QByteArray delimiter = "--" + *boundary;
    qsizetype pos = body.indexOf(delimiter);
    // Anything before the first delimiter is a preamble, to be ignored, but it must end a line.
    if (pos < 0 || (pos > 0 && body.mid(pos - 2, 2) != "\r\n")) {
        fail(error, QStringLiteral("The body does not start with the boundary"));
        return std::nullopt;
    }
    QList<Part> parts;
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return parts;
        while (pos < body.size() && (body.at(pos) == ' ' || body.at(pos) == '\t'))
            ++pos;
        if (body.mid(pos, 2) != "\r\n") {
            fail(error, QStringLiteral("A boundary is not followed by a line break"));
            return std::nullopt;
        }
        pos += 2;
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), pos);
        if (next < 0) {
            fail(error, QStringLiteral("The body ends without its closing boundary"));
            return std::nullopt;
        }
        const QByteArray raw = body.mid(pos, next - pos);
        // No headers at all leaves the blank line first.
        const qsizetype headerEnd = raw.startsWith("\r\n") ? 0 : raw.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            fail(error, QStringLiteral("A part's headers do not end"));
            return std::nullopt;
        }
        Part part;
        if (!readHeaders(raw.left(headerEnd), part, error))
            return std::nullopt;
        part.data = raw.mid(headerEnd + (headerEnd == 0 ? 2 : 4));
        parts.append(part);
        pos = next + 2;
    }
}
