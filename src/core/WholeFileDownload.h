#pragma once

#include "ExistingFile.h"
#include "HttpCall.h"
#include "StoreReply.h"

#include <QString>

#include <memory>

class DownloadFile;

// A download whose answer carries the whole file, from a server that gives no content hash (Fortnox's files,
// KashFlow's signed links): every attempt writes a fresh partial file, since a retry after a dropped connection gets
// the whole body again, and the size the server listed decides whether it may replace the target. Copies share one
// download, so that the call's sink and its finished handler can each hold one.
class WholeFileDownload
{
public:
    struct Result
    {
        StoreReply::Error error = StoreReply::Error::None;
        QString message;
        qint64 size = 0;
        QString contentHash;
    };

    WholeFileDownload(const QString& localPath, ExistingFile existing);

    // Where the call that fetches the file puts a successful answer's body.
    HttpCall::BodySink sink() const;
    // Whether an answer's head can be the file named `name` (HttpRequest::isExpectedAnswer): a network's sign-in
    // page or a proxy's notice is HTML, which a document named as another type is not.
    static std::function<bool(const HttpResponse&)> isFileNamed(const QString& name);
    // Whether the call's answer failed, cancelled included, and not because of the partial file (the disk, its
    // folder, another download holding it: the answer tells those as a network failure). The partial file is then
    // removed at once: nothing carries a whole-file download on, and a cancelled transfer is settled before the call
    // lets go of the file.
    bool discardIfAnswerFailed(const HttpResponse& response) const;
    // Once the call has finished with a successful answer, or the file failed: the file checked against the size
    // the server listed (-1 when it listed none) and put in place of the target. `damaged` is the message when it
    // is not that size.
    Result complete(qint64 expectedSize, const QString& damaged) const;

private:
    QString m_localPath;
    ExistingFile m_existing;
    std::shared_ptr<std::unique_ptr<DownloadFile>> m_file;
};
