import type { Schema, Struct } from '@strapi/strapi';

export interface ActionQuantity extends Struct.ComponentSchema {
  collectionName: 'components_action_quantitys';
  info: {
    description: 'An amount with its unit (1 tonne).';
    displayName: 'Quantit\u00E9';
    icon: 'scale';
  };
  attributes: {
    amount: Schema.Attribute.Decimal &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    unit: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50;
      }>;
  };
}

export interface DelegationMember extends Struct.ComponentSchema {
  collectionName: 'components_delegation_members';
  info: {
    description: 'A member of a delegation; the name may be unknown when only the role is.';
    displayName: 'Membre';
    icon: 'user';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface MissionNetwork extends Struct.ComponentSchema {
  collectionName: 'components_mission_networks';
  info: {
    description: 'A network the Mission belongs to.';
    displayName: 'R\u00E9seau';
    icon: 'globe';
  };
  attributes: {
    description: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface SharedLocation extends Struct.ComponentSchema {
  collectionName: 'components_shared_locations';
  info: {
    description: 'A place with its coordinates (WGS 84), for the map.';
    displayName: 'Lieu';
    icon: 'pinMap';
  };
  attributes: {
    latitude: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 90;
          min: -90;
        },
        number
      >;
    longitude: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 180;
          min: -180;
        },
        number
      >;
    placeName: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'action.quantity': ActionQuantity;
      'delegation.member': DelegationMember;
      'mission.network': MissionNetwork;
      'shared.location': SharedLocation;
    }
  }
}
