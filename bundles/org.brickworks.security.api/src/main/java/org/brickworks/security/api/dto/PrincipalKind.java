package org.brickworks.security.api.dto;

/** What a principal is: a person, a service principal (a robot, named by its application id) or a group. */
public enum PrincipalKind {
    USER, SERVICE_PRINCIPAL, GROUP
}
