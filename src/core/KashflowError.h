#pragma once

#include "StoreReply.h"

#include <QString>

struct HttpResponse;

// What a failed KashFlow request means: KashFlow answers {"Error": "...", "Message": "..."}, whose message is
// shown as it is, and 401 InvalidSessionToken when a session has ended.
class KashflowError
{
public:
    static KashflowError fromResponse(const HttpResponse& response);

    StoreReply::Error code() const { return m_code; }
    QString message() const { return m_message; }
    // KashFlow's own name for it ("InvalidSessionToken"), empty when it gave none.
    QString name() const { return m_name; }
    // Trying again later may succeed: KashFlow was out of reach, busy or failing.
    bool mayPass() const { return m_mayPass; }
    bool isInvalidSession() const { return m_name == QLatin1String("InvalidSessionToken"); }

private:
    StoreReply::Error m_code = StoreReply::Error::Server;
    QString m_message;
    QString m_name;
    bool m_mayPass = false;
};
