#include "KashflowEmulatorAuth.h"

#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>

namespace {

KashflowEmulatorError accountLocked()
{
    return { 401, QStringLiteral("AccountLocked"), QStringLiteral("This account is locked.") };
}

} // namespace

KashflowEmulatorAuth::KashflowEmulatorAuth()
    : m_userName(QStringLiteral("attache"))
    , m_password(QStringLiteral("Receipts-2024"))
    , m_memorableWord(QStringLiteral("lighthouse"))
{ }

void KashflowEmulatorAuth::setCredentials(const QString& userName, const QString& password)
{
    m_userName = userName;
    m_password = password;
}

void KashflowEmulatorAuth::setMemorableWord(const QString& word)
{
    m_memorableWord = word;
}

KashflowEmulatorAuth::Challenge KashflowEmulatorAuth::start(const QString& userName, const QString& password,
                                                            const QDateTime& now)
{
    if (userName.isEmpty() || password.isEmpty())
        return { KashflowEmulatorError::badRequest(QStringLiteral("UserName and Password are required.")), {}, {} };
    // User names are not case-sensitive, passwords are.
    if (userName.compare(m_userName, Qt::CaseInsensitive) != 0 || password != m_password)
        return { { 401, QStringLiteral("InvalidCredentials"),
                   QStringLiteral("The user name or password is incorrect.") },
                 {},
                 {} };
    if (m_locked)
        return { accountLocked(), {}, {} };

    // Three positions, as KashFlow asks, or every one of a word too short for three.
    QList<int> positions;
    while (positions.size() < qMin<qsizetype>(3, m_memorableWord.size())) {
        const int position = 1 + int(QRandomGenerator::global()->bounded(quint32(m_memorableWord.size())));
        if (!positions.contains(position))
            positions.append(position);
    }
    std::sort(positions.begin(), positions.end());
    const QString token = newToken();
    m_pending.insert(token, { now.addSecs(m_temporaryLifetime), positions });
    return { {}, token, positions };
}

KashflowEmulatorAuth::Session KashflowEmulatorAuth::finish(const QString& temporaryToken,
                                                           const QList<QPair<int, QString>>& answers,
                                                           const QDateTime& now)
{
    const auto pending = m_pending.constFind(temporaryToken);
    if (temporaryToken.isEmpty() || pending == m_pending.constEnd() || pending->expiresAt <= now) {
        m_pending.remove(temporaryToken);
        return { { 401, QStringLiteral("InvalidTemporaryToken"),
                   QStringLiteral("Temporary token provided is invalid or has expired.") },
                 {} };
    }
    const QList<int> positions = pending->positions;
    m_pending.erase(pending);
    if (m_locked)
        return { accountLocked(), {} };

    // Exactly the positions asked, each answered once with its one character.
    bool right = answers.size() == positions.size();
    for (const auto& [position, value] : answers) {
        const bool asked = positions.contains(position);
        const bool once = std::count_if(answers.begin(), answers.end(),
                                        [position = position](const auto& answer) { return answer.first == position; })
            == 1;
        right = right && asked && once && value.size() == 1
            && value.compare(m_memorableWord.mid(position - 1, 1), Qt::CaseInsensitive) == 0;
    }
    if (!right)
        return { { 401, QStringLiteral("InvalidMemorableWord"),
                   QStringLiteral("The memorable word characters provided are incorrect.") },
                 {} };
    return { {}, issueSessionToken(now) };
}

bool KashflowEmulatorAuth::use(const QString& sessionToken, const QDateTime& now)
{
    const auto session = m_sessions.find(sessionToken);
    if (session == m_sessions.end())
        return false;
    if (session->addSecs(m_sessionIdleLifetime) <= now) {
        m_sessions.erase(session);
        return false;
    }
    *session = now;
    return true;
}

QString KashflowEmulatorAuth::issueSessionToken(const QDateTime& now)
{
    const QString token = newToken();
    m_sessions.insert(token, now);
    return token;
}

QString KashflowEmulatorAuth::newToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
