"""Record models, one per ``kind:``, and the registry that maps kinds to them."""

from __future__ import annotations

from pydantic import BaseModel

from itsmctl.models.catalogue import ConfigurationItem, Service
from itsmctl.models.operations import Operation, OperationPlan
from itsmctl.models.policy import Policy
from itsmctl.models.quality import Audit, ManagementReview, SupplierEvaluation, Survey
from itsmctl.models.release import Release
from itsmctl.models.sla import BusinessCalendar, ServiceLevelAgreement
from itsmctl.models.tickets import (
    TICKET_MODELS,
    Change,
    Complaint,
    Incident,
    Problem,
    ServiceRequest,
    Ticket,
    TicketBase,
)

MODEL_BY_KIND: dict[str, type[BaseModel]] = {
    "incident": Incident,
    "request": ServiceRequest,
    "problem": Problem,
    "change": Change,
    "complaint": Complaint,
    "ci": ConfigurationItem,
    "service": Service,
    "sla": ServiceLevelAgreement,
    "calendar": BusinessCalendar,
    "policy": Policy,
    "audit": Audit,
    "review": ManagementReview,
    "survey": Survey,
    "supplier_evaluation": SupplierEvaluation,
    "operation_plan": OperationPlan,
    "operation": Operation,
    "release": Release,
}
"""Every record kind and its model; the schema export and the loader both use this."""

TICKET_KINDS = tuple(m.model_fields["kind"].annotation.__args__[0] for m in TICKET_MODELS)  # type: ignore[union-attr]

__all__ = [
    "MODEL_BY_KIND",
    "TICKET_KINDS",
    "Audit",
    "BusinessCalendar",
    "Change",
    "Complaint",
    "ConfigurationItem",
    "Incident",
    "ManagementReview",
    "Operation",
    "OperationPlan",
    "Policy",
    "Problem",
    "Release",
    "Service",
    "ServiceLevelAgreement",
    "ServiceRequest",
    "SupplierEvaluation",
    "Survey",
    "Ticket",
    "TicketBase",
]
