#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// A multipart/form-data body (RFC 7578) split into its parts, in the order they were sent: some APIs insist on the
// order of the fields, so it is kept rather than folded into a map.
class EmulatorMultipartForm
{
public:
    struct Part
    {
        QString name;
        bool hasFileName = false; // a file field, even when its file name is empty
        QString fileName; // as sent, never cleaned: judging it is the API's business
        QByteArray contentType;
        QByteArray data;
    };

    static bool isMultipartFormData(const QByteArray& contentType);
    // The parts of the body; none, with the reason, when the type has no boundary or the body is malformed.
    static std::optional<QList<Part>> parse(const QByteArray& contentType, const QByteArray& body,
                                            QString* error = nullptr);
};
