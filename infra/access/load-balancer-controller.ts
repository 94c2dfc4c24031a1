import type { PolicyStatement } from '../components/identities.js';

/**
 * The AWS Load Balancer Controller: read the network, and create or change only load balancers, target groups and
 * security groups that carry its cluster tag (`elbv2.k8s.aws/cluster` = this cluster), as the controller's
 * documented policy scopes them (docs/install/iam_policy.json upstream). Certificates are read, never issued.
 */
export function loadBalancerControllerAccess(clusterName: string): PolicyStatement[] {
  const ownedByCluster = { StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': clusterName } };
  const taggedForCluster = { StringEquals: { 'aws:RequestTag/elbv2.k8s.aws/cluster': clusterName } };
  return [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'elasticloadbalancing:Describe*',
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'shield:GetSubscriptionState',
      ],
      Resource: '*',
    },
    {
      Sid: 'CreateServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    {
      Sid: 'CreateTaggedResources',
      Effect: 'Allow',
      Action: [
        'ec2:CreateSecurityGroup',
        'elasticloadbalancing:CreateLoadBalancer',
        'elasticloadbalancing:CreateTargetGroup',
      ],
      Resource: '*',
      Condition: taggedForCluster,
    },
    {
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'elasticloadbalancing:AddTags'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:RequestTag/elbv2.k8s.aws/cluster': clusterName,
        },
      },
    },
    {
      Sid: 'ManageOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
      Resource: '*',
      Condition: ownedByCluster,
    },
    {
      Sid: 'ManageOwnLoadBalancers',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:DeregisterTargets',
        'elasticloadbalancing:RemoveTags',
      ],
      Resource: '*',
      Condition: ownedByCluster,
    },
    {
      // Listeners and rules carry no tags of their own; they live under load balancers the statements above scope.
      Sid: 'ListenersAndRules',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteRule',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetWebAcl',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
      ],
      Resource: '*',
    },
  ];
}
