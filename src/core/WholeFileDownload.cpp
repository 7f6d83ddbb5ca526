#include "WholeFileDownload.h"

#include "DownloadFile.h"

#include <QMimeDatabase>

WholeFileDownload::WholeFileDownload(const QString& localPath, ExistingFile existing)
    : m_localPath(localPath)
    , m_existing(existing)
    , m_file(std::make_shared<std::unique_ptr<DownloadFile>>())
{ }

HttpCall::BodySink WholeFileDownload::sink() const
{
    return { {},
             [file = m_file, path = m_localPath, existing = m_existing](const HttpResponse&) {
                 *file = std::make_unique<DownloadFile>(path, existing);
                 return (*file)->open();
             },
             [file = m_file](QIODevice& body) { return (*file)->append(body); } };
}

std::function<bool(const HttpResponse&)> WholeFileDownload::isFileNamed(const QString& name)
{
    // A name that does not say its type (no extension, or one nobody knows) may be a web page itself.
    const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
    const bool mayBeHtml = type.isDefault() || type.inherits(QStringLiteral("text/html"))
        || type.inherits(QStringLiteral("application/xhtml+xml"));
    return [mayBeHtml](const HttpResponse& head) {
        return mayBeHtml || !head.header("content-type").trimmed().toLower().startsWith("text/html");
    };
}

bool WholeFileDownload::discardIfAnswerFailed(const HttpResponse& response) const
{
    if (response.isSuccess() || (*m_file && (*m_file)->errorCode() != StoreReply::Error::None))
        return false;
    if (*m_file)
        (*m_file)->discard();
    return true;
}

WholeFileDownload::Result WholeFileDownload::complete(qint64 expectedSize, const QString& damaged) const
{
    DownloadFile& file = **m_file;
    const auto failure = [](StoreReply::Error error, const QString& message) {
        Result result;
        result.error = error;
        result.message = message;
        return result;
    };
    QString contentHash;
    if (const QString error = file.finish(&contentHash); !error.isEmpty())
        return failure(file.errorCode(), error);
    if (expectedSize >= 0 && file.written() != expectedSize) {
        file.discard();
        return failure(StoreReply::Error::Corrupted, damaged);
    }
    if (const QString error = file.commit(); !error.isEmpty())
        return failure(file.errorCode(), error);
    Result saved;
    saved.size = file.written();
    saved.contentHash = contentHash;
    return saved;
}
