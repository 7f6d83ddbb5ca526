#include "KashflowError.h"

#include "HttpResponse.h"
#include "KashflowPayload.h"

#include <QCoreApplication>
#include <QJsonObject>

KashflowError KashflowError::fromResponse(const HttpResponse& response)
{
    KashflowError error;
    if (response.cancelled) {
        error.m_code = StoreReply::Error::Cancelled;
        error.m_message = QCoreApplication::translate("KashflowError", "Cancelled.");
        return error;
    }
    // The session could not be renewed: the user must sign in.
    if (!response.authorizationError.isEmpty()) {
        error.m_code = StoreReply::Error::SignedOut;
        error.m_message = response.authorizationError;
        return error;
    }
    if (response.isNetworkFailure()) {
        error.m_code = StoreReply::Error::Network;
        error.m_message
            = QCoreApplication::translate("KashflowError", "Could not reach KashFlow: %1").arg(response.errorString);
        error.m_mayPass = true;
        return error;
    }
    const QJsonObject body = KashflowPayload::read(response).toObject();
    error.m_name = body.value(QLatin1String("Error")).toString();
    const QString said = body.value(QLatin1String("Message")).toString();
    switch (response.status) {
    case 401:
        error.m_code = StoreReply::Error::SignedOut;
        break;
    case 403:
        error.m_code = StoreReply::Error::PermissionDenied;
        break;
    case 404:
        error.m_code = StoreReply::Error::NotFound;
        break;
    case 429:
        error.m_mayPass = true;
        break;
    default:
        // A 4xx KashFlow names (a file already there, Dropbox not connected) would come again on another try.
        error.m_mayPass = response.status >= 500;
        if (!error.m_mayPass)
            error.m_code = StoreReply::Error::Refused;
        break;
    }
    if (error.isInvalidSession())
        error.m_message
            = QCoreApplication::translate("KashflowError", "The KashFlow session has ended. Sign in again.");
    else if (!said.isEmpty())
        error.m_message = QCoreApplication::translate("KashflowError", "KashFlow: %1").arg(said);
    else if (response.status == 429)
        error.m_message = QCoreApplication::translate("KashflowError", "KashFlow is busy; try again in a few minutes.");
    else if (error.m_mayPass)
        error.m_message
            = QCoreApplication::translate("KashflowError", "KashFlow had a problem (HTTP %1). Try again later.")
                  .arg(response.status);
    else
        error.m_message = QCoreApplication::translate("KashflowError", "KashFlow refused the request (HTTP %1).")
                              .arg(response.status);
    return error;
}
