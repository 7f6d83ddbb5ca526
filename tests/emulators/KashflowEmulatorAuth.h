#pragma once

#include "KashflowEmulatorError.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

// KashFlow's sign-in for its one user, in two steps: the user name and password give a temporary token and three
// positions in the memorable word (1-based); the characters at those positions, in any case, turn the temporary
// token into a session token. A session token lasts while it is used: it expires after an idle while (60 minutes
// by default, as documented). Times come from the caller, so that tests can move them.
class KashflowEmulatorAuth
{
public:
    struct Challenge
    {
        KashflowEmulatorError error;
        QString temporaryToken;
        QList<int> positions;
    };

    struct Session
    {
        KashflowEmulatorError error;
        QString sessionToken;
    };

    KashflowEmulatorAuth();

    QString userName() const { return m_userName; }
    QString password() const { return m_password; }
    QString memorableWord() const { return m_memorableWord; }
    void setCredentials(const QString& userName, const QString& password);
    // KashFlow asks for three of its characters; a shorter word has all of its characters asked.
    void setMemorableWord(const QString& word);
    void setAccountLocked(bool locked) { m_locked = locked; }
    // "The temporary token expires if step 2 is not done within x minutes": x is not documented; 5 by default.
    void setTemporaryTokenLifetime(int seconds) { m_temporaryLifetime = seconds; }
    void setSessionIdleLifetime(int seconds) { m_sessionIdleLifetime = seconds; }

    // POST /sessiontoken.
    Challenge start(const QString& userName, const QString& password, const QDateTime& now);
    // PUT /sessiontoken. A temporary token is good for one try, right or wrong.
    Session finish(const QString& temporaryToken, const QList<QPair<int, QString>>& answers, const QDateTime& now);

    // True for a session token in use, whose idle time starts again.
    bool use(const QString& sessionToken, const QDateTime& now);
    // DELETE /sessiontoken: the session ends at once.
    void end(const QString& sessionToken) { m_sessions.remove(sessionToken); }
    // A session without signing in, for tests that start signed in.
    QString issueSessionToken(const QDateTime& now);
    void expireSessions() { m_sessions.clear(); }

private:
    struct Pending
    {
        QDateTime expiresAt;
        QList<int> positions;
    };

    static QString newToken();

    QString m_userName;
    QString m_password;
    QString m_memorableWord;
    bool m_locked = false;
    int m_temporaryLifetime = 5 * 60;
    int m_sessionIdleLifetime = 60 * 60;
    QHash<QString, Pending> m_pending; // by temporary token
    QHash<QString, QDateTime> m_sessions; // the last use, by session token
};
