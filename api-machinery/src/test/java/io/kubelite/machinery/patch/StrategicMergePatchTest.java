package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies kubectl sends, applied to live objects; each case names the command or rule it shows. */
class StrategicMergePatchTest {

    private static final String WEB_POD = "{'metadata':{'name':'x','labels':{'app':'web'}},"
            + "'spec':{'containers':[{'name':'web','image':'old','ports':[{'containerPort':80}],"
            + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}";

    static Stream<Arguments> kubectlBodies() {
        return Stream.of(
                Arguments.of("kubectlLabelAddsALabel", "Pod",
                        "{'metadata':{'name':'x','labels':{'app':'web'}}}",
                        "{'metadata':{'labels':{'a':'b'}}}",
                        "{'metadata':{'name':'x','labels':{'app':'web','a':'b'}}}"),
                Arguments.of("kubectlLabelMinusRemovesALabel", "Pod",
                        "{'metadata':{'name':'x','labels':{'app':'web','a':'b'}}}",
                        "{'metadata':{'labels':{'a':null}}}",
                        "{'metadata':{'name':'x','labels':{'app':'web'}}}"),
                Arguments.of("kubectlCordon", "Node",
                        "{'metadata':{'name':'node-1'},'spec':{'podCIDR':'10.0.1.0/24'}}",
                        "{'spec':{'unschedulable':true}}",
                        "{'metadata':{'name':'node-1'},'spec':{'podCIDR':'10.0.1.0/24','unschedulable':true}}"),
                Arguments.of("kubectlUncordon", "Node",
                        "{'spec':{'podCIDR':'10.0.1.0/24','unschedulable':true}}",
                        "{'spec':{'unschedulable':null}}",
                        "{'spec':{'podCIDR':'10.0.1.0/24'}}"),
                Arguments.of("kubectlRolloutPause", "Deployment",
                        "{'spec':{'replicas':3}}",
                        "{'spec':{'paused':true}}",
                        "{'spec':{'replicas':3,'paused':true}}"),
                Arguments.of("kubectlSetImageChangesOnlyThatContainer", "Deployment",
                        "{'spec':{'template':{'spec':{'containers':["
                                + "{'name':'web','image':'img:v1','ports':[{'containerPort':80}]},"
                                + "{'name':'sidecar','image':'envoy'}]}}}}",
                        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                                + "'containers':[{'image':'img:v2','name':'web'}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':["
                                + "{'name':'web','image':'img:v2','ports':[{'containerPort':80}]},"
                                + "{'name':'sidecar','image':'envoy'}]}}}}"),
                Arguments.of("kubectlApplyOfAChangedImage", "Pod",
                        "{'metadata':{'name':'x','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{old}'}},"
                                + "'spec':{'containers':[{'name':'web','image':'old','terminationMessagePath':'/dev/termination-log'}],"
                                + "'nodeName':'node-1'},'status':{'phase':'Running'}}",
                        "{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{new}'}},"
                                + "'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':[{'image':'new','name':'web'}]}}",
                        "{'metadata':{'name':'x','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{new}'}},"
                                + "'spec':{'containers':[{'name':'web','image':'new','terminationMessagePath':'/dev/termination-log'}],"
                                + "'nodeName':'node-1'},'status':{'phase':'Running'}}"),
                Arguments.of("kubectlApplyRemovingAnEnvVar", "Pod", WEB_POD,
                        "{'spec':{'$setElementOrder/containers':[{'name':'web'}],"
                                + "'containers':[{'$setElementOrder/env':[{'name':'B'}],'env':[{'$patch':'delete','name':'A'}],'name':'web'}]}}",
                        "{'metadata':{'name':'x','labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'old',"
                                + "'ports':[{'containerPort':80}],'env':[{'name':'B','value':'2'}]}]}}"),
                Arguments.of("kubectlApplyRemovingAllEnvVars", "Pod", WEB_POD,
                        "{'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':[{'env':null,'name':'web'}]}}",
                        "{'metadata':{'name':'x','labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'old',"
                                + "'ports':[{'containerPort':80}]}]}}"),
                Arguments.of("kubectlApplyAddingAContainerAppendsIt", "Pod",
                        "{'spec':{'containers':[{'name':'web','image':'nginx'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'log'}],"
                                + "'containers':[{'image':'busybox','name':'log'}]}}",
                        "{'spec':{'containers':[{'name':'web','image':'nginx'},{'name':'log','image':'busybox'}]}}"),
                Arguments.of("kubectlApplyChangingAVolumeSourceRetainsOnlyListedKeys", "Deployment",
                        "{'spec':{'template':{'spec':{'volumes':[{'name':'data','hostPath':{'path':'/srv'}}]}}}}",
                        "{'spec':{'template':{'spec':{'$setElementOrder/volumes':[{'name':'data'}],"
                                + "'volumes':[{'$retainKeys':['emptyDir','name'],'emptyDir':{},'hostPath':null,'name':'data'}]}}}}",
                        "{'spec':{'template':{'spec':{'volumes':[{'name':'data','emptyDir':{}}]}}}}"),
                Arguments.of("kubectlApplyRemovingAFinalizer", "ConfigMap",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'$setElementOrder/finalizers':['a'],'$deleteFromPrimitiveList/finalizers':['b']}}",
                        "{'metadata':{'finalizers':['a']}}"),
                Arguments.of("directivesInsideANewSubtreeAreResolved", "Deployment",
                        "{'metadata':{'name':'web'}}",
                        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'}],"
                                + "'containers':[{'image':'img','name':'web','env':[{'$patch':'delete','name':'X'}]}]}}}}",
                        "{'metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'image':'img','name':'web','env':[]}]}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectlBodies")
    void appliesWhatKubectlSends(String name, String kind, String live, String patch, String expected) {
        assertThat(StrategicMergePatch.apply(json(live), json(patch), BuiltInSchemas.forKind(kind))).isEqualTo(json(expected));
    }

    static Stream<Arguments> mergeRules() {
        return Stream.of(
                Arguments.of("envMergesByNameKeepingLiveOrder", "Pod",
                        "{'spec':{'containers':[{'name':'web','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','env':[{'name':'A','value':'1'},{'name':'B','value':'3'},"
                                + "{'name':'C','value':'4'}]}]}}"),
                Arguments.of("newElementsGoFirstWithoutSetElementOrderAsInKubernetes", "Pod",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80,'name':'http'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':443,'name':'https'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':443,'name':'https'},"
                                + "{'containerPort':80,'name':'http'}]}]}}"),
                Arguments.of("mergeKeysCompareAsNumbers", "Pod",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80,'protocol':'TCP'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80.0,'name':'http'}]}]}}",
                        "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80.0,'protocol':'TCP','name':'http'}]}]}}"),
                Arguments.of("volumeMountsMergeByMountPath", "ReplicaSet",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'web','volumeMounts':[{'mountPath':'/a','name':'x'}]}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'web','volumeMounts':[{'mountPath':'/a','name':'y'}]}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'web','volumeMounts':[{'mountPath':'/a','name':'y'}]}]}}}}"),
                Arguments.of("initContainersMergeByName", "Job",
                        "{'spec':{'template':{'spec':{'initContainers':[{'name':'init','image':'a'}]}}}}",
                        "{'spec':{'template':{'spec':{'initContainers':[{'name':'init','image':'b'}]}}}}",
                        "{'spec':{'template':{'spec':{'initContainers':[{'name':'init','image':'b'}]}}}}"),
                Arguments.of("cronJobPodSpecMerges", "CronJob",
                        "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b'}]}}}}}}",
                        "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}}}",
                        "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'},{'name':'b'}]}}}}}}"),
                Arguments.of("servicePortsMergeByPort", "Service",
                        "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443,'targetPort':8443}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':443,'targetPort':8443}]}}"),
                Arguments.of("podConditionsMergeByType", "Pod",
                        "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'PodScheduled','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'PodScheduled','status':'True'}]}}"),
                Arguments.of("containerStatusesAreReplaced", "Pod",
                        "{'status':{'containerStatuses':[{'name':'web','ready':false,'restartCount':1}]}}",
                        "{'status':{'containerStatuses':[{'name':'web','ready':true}]}}",
                        "{'status':{'containerStatuses':[{'name':'web','ready':true}]}}"),
                Arguments.of("tolerationsAreReplaced", "Pod",
                        "{'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}"),
                Arguments.of("nodeTaintsAreReplaced", "Node",
                        "{'spec':{'taints':[{'key':'a','effect':'NoSchedule'}]}}",
                        "{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}}",
                        "{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}}"),
                Arguments.of("nodeAddressesMergeByType", "Node",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.1'},{'type':'Hostname','address':'n1'}]}}",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'}]}}",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'},{'type':'Hostname','address':'n1'}]}}"),
                Arguments.of("finalizersAreUnioned", "Namespace",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','c']}}",
                        "{'metadata':{'finalizers':['a','b','c']}}"),
                Arguments.of("deleteFromPrimitiveListRemovesScalars", "Pod",
                        "{'metadata':{'finalizers':['a','b','c']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','z']}}",
                        "{'metadata':{'finalizers':['a','c']}}"),
                Arguments.of("deleteFromAnAbsentPrimitiveListIsANoOp", "Pod",
                        "{'metadata':{'name':'x'}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
                        "{'metadata':{'name':'x'}}"),
                Arguments.of("ownerReferencesMergeByUid", "ReplicaSet",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'web'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'2','name':'web-2'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'2','name':'web-2'},{'uid':'1','name':'web'}]}}"),
                Arguments.of("ownerReferenceDeletedByUid", "Pod",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'web'},{'uid':'2','name':'db'}]}}",
                        "{'metadata':{'ownerReferences':[{'$patch':'delete','uid':'1'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'2','name':'db'}]}}"),
                Arguments.of("replaceDirectiveReplacesAMergingList", "Pod",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'containers':[{'$patch':'replace'},{'name':'c','image':'i'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'i'}]}}"),
                Arguments.of("replaceDirectiveReplacesAMap", "Deployment",
                        "{'spec':{'template':{'metadata':{'labels':{'app':'v1','tier':'front'}}}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'$patch':'replace','app':'v2'}}}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'app':'v2'}}}}}"),
                Arguments.of("deleteDirectiveEmptiesAMap", "Deployment",
                        "{'spec':{'strategy':{'type':'Recreate'},'replicas':1}}",
                        "{'spec':{'strategy':{'$patch':'delete'}}}",
                        "{'spec':{'strategy':{},'replicas':1}}"),
                Arguments.of("setElementOrderPutsListedElementsInItsOrder", "Pod",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'b'},{'name':'a'}]}}"),
                Arguments.of("setElementOrderKeepsUnlistedElementsWhereTheyWere", "Pod",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'b'},{'name':'c'},{'name':'a'}]}}"),
                Arguments.of("setElementOrderCanPutANewElementFirst", "Pod",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'x'},{'name':'a'},{'name':'b'}],'containers':[{'name':'x'}]}}",
                        "{'spec':{'containers':[{'name':'x'},{'name':'a'},{'name':'b'}]}}"),
                Arguments.of("nullForAnAbsentKeyIsIgnored", "Pod", "{'a':1}", "{'b':null}", "{'a':1}"),
                Arguments.of("aValueOfAnotherTypeReplaces", "Pod", "{'a':{'b':1}}", "{'a':'x'}", "{'a':'x'}"),
                Arguments.of("unknownKindsMergeOnlyMetadataLists", "Widget",
                        "{'metadata':{'finalizers':['a']},'spec':{'items':[{'name':'a','v':1}]}}",
                        "{'metadata':{'finalizers':['b']},'spec':{'items':[{'name':'a','v':2}]}}",
                        "{'metadata':{'finalizers':['b','a']},'spec':{'items':[{'name':'a','v':2}]}}"),
                Arguments.of("wholeObjectReplace", "Pod", "{'a':1,'b':2}", "{'$patch':'replace','c':3}", "{'c':3}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergeRules")
    void followsTheMergeRulesOfTheKind(String name, String kind, String live, String patch, String expected) {
        assertThat(StrategicMergePatch.apply(json(live), json(patch), BuiltInSchemas.forKind(kind))).isEqualTo(json(expected));
    }
}
